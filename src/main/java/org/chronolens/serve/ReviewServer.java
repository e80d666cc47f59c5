package org.chronolens.serve;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.chronolens.check.PiiScanner;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.review.AcknowledgementLog;
import org.chronolens.review.Acknowledgements;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves runs' reports and audit packs, read-only, to signed-in reviewers and auditors, and takes
 * from their forms the only two things it ever writes: a line of the acknowledgements file (through
 * the same {@link AcknowledgementLog} as {@code acknowledge}) and a verdict in a pack's checklist.
 *
 * <p>This class starts and stops the server, routes each request and gives it its session; what
 * can be read is {@link ReviewPages}, what can be written {@link ReviewForms}, and every exchange
 * is one line of the {@link AccessLog}.
 *
 * <p>Every request needs a session; every POST also needs the session's CSRF token. A request for
 * anything outside the served roots is "not found", whatever encoding or link it tries. The access
 * log holds the method, the path (never the query, which may carry the sign-in token), the status,
 * the size and the user, and never a form's contents.
 */
public final class ReviewServer implements AutoCloseable {

    private final ServeSettings settings;
    private final ServedRoots roots;
    private final Sessions sessions = new Sessions();
    private final String token = Sessions.secret();
    private final TextFiles files = new TextFiles(HadoopConf.of(Map.of()));
    private final PiiScanner pii = new PiiScanner();
    private final ReviewPages pages;
    private final ReviewForms forms;
    private final AccessLog accessLog;
    private final Server server;
    private final ServerConnector connector;

    public ReviewServer(ServeSettings settings) throws IOException {
        this.settings = settings;
        this.roots = new ServedRoots(settings.runs(), settings.audit());
        if (roots.runsWithReports().isEmpty()) {
            throw new UsageException("--root " + settings.runs() + " holds no completed run with a report (a scan's folder "
                    + "with _SUCCESS and report/index.html, or a job's output root above its runs); serve shows runs, "
                    + "never an input folder");
        }
        this.pages = new ReviewPages(settings, roots, files);
        this.forms = new ReviewForms(settings, pages, files);
        this.accessLog = new AccessLog(settings.accessLog());
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("serve");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // Jetty answers an ambiguous path (an encoded dot or slash) with 400 by itself; here every
        // path outside the roots is answered alike, 404, by ServedRoots, which reads the raw path.
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.bind().getHostAddress());
        connector.setPort(settings.port());
        // A client that trickles a body holds a thread; thirty-two of them would stop the server.
        connector.setIdleTimeout(10_000);
        server.addConnector(connector);
        server.setErrorHandler(new Refusals());
        // Ctrl-C or the service manager's stop lets a form being written finish its rename.
        server.setStopAtShutdown(true);
        server.setStopTimeout(5_000);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ReviewServer.this.handle(request, response, callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        server.start();
    }

    /** The address a browser opens: with the sign-in token in token mode. */
    public String url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        String base = "http://" + host + ":" + connector.getLocalPort() + "/";
        return settings.headerMode() ? base : base + "?token=" + token;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Requests Jetty refuses before any handler sees them. A path that climbs above its root
     * ({@code /runs/../../etc}) cannot even be parsed; it is answered as every other path outside
     * the roots is, "not found", with the same headers as every other answer.
     */
    private final class Refusals extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object status = request.getAttribute(ERROR_STATUS);
            Object message = request.getAttribute(ERROR_MESSAGE);
            int code = status instanceof Integer i ? i : 500;
            boolean badPath = code == 400 && mentionsUri(request.getAttribute(ERROR_EXCEPTION), message);
            Exchange x = new Exchange(request, response, callback);
            try {
                if (badPath || code == 404) {
                    x.text(404, "Not found.");
                } else if (code == 413 || code == 431) {
                    x.text(code, "The request is larger than a form of this server; nothing was written.");
                } else {
                    x.text(code, code >= 500 ? "The server could not answer this request; it wrote nothing."
                            : "The request was not understood; nothing was written.");
                }
            } finally {
                accessLog.log(x);
            }
            return true;
        }
    }

    /** Jetty says "Bad URI" somewhere in the cause of a path it could not read. */
    private static boolean mentionsUri(Object error, Object message) {
        if (String.valueOf(message).contains("URI")) {
            return true;
        }
        for (Throwable t = error instanceof Throwable e ? e : null; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("URI")) {
                return true;
            }
        }
        return false;
    }

    private void handle(Request request, Response response, Callback callback) {
        Exchange x = new Exchange(request, response, callback);
        try {
            route(x);
        } catch (RuntimeException e) {
            // The operator's only trace of a fault: its kind and where, never the request's contents.
            StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            System.err.println("serve: could not answer " + x.request.getMethod() + " (" + e.getClass().getName()
                    + (at == null ? "" : " at " + at) + ")");
            if (x.status == 0) {
                x.text(500, "The server could not answer this request; it wrote nothing. (" + e.getClass().getSimpleName() + ")");
            }
        } finally {
            accessLog.log(x);
        }
    }

    private void route(Exchange x) {
        String method = x.request.getMethod();
        String path = x.request.getHttpURI().getPath();
        if (path == null) {
            x.text(404, "Not found.");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            x.text(405, "Only GET and POST are answered here.");
            return;
        }
        if (!settings.headerMode() && !hostIsThisServer(x)) {
            // A name that resolves here by a trick (DNS rebinding) is not this server's address.
            x.text(421, "This server answers only at the address serve printed when it started.");
            return;
        }
        x.session = session(x);
        if (x.status != 0) {
            return;
        }
        if (x.session == null) {
            x.text(403, settings.headerMode()
                    ? "No signed-in user: this server takes the user from the " + settings.headerName()
                    + " header that the single sign-on proxy sets. Open it through the proxy."
                    : "Not signed in: open the address that serve printed when it started (it carries the sign-in token).");
            return;
        }
        if (method.equals("POST")) {
            forms.post(x, path);
            return;
        }
        switch (path) {
            case "/" -> pages.home(x);
            // Browsers ask for it of every site; the report has none, and a 404 would read as a fault.
            case "/favicon.ico" -> x.send(204, "image/x-icon", new byte[0], ServedPages.policy());
            case ServedPages.ASSETS + "review.js" -> pages.asset(x, "review.js", "text/javascript; charset=utf-8");
            case ServedPages.ASSETS + "review.css" -> pages.asset(x, "review.css", "text/css; charset=utf-8");
            case ServedPages.ASSETS + "trail" -> pages.trail(x);
            case ServedPages.ASSETS + "verdicts" -> pages.verdicts(x);
            default -> pages.file(x, path);
        }
    }

    /** In token mode: the request was addressed to this server's own address (or localhost) and port. */
    private boolean hostIsThisServer(Exchange x) {
        String host = Request.getServerName(x.request);
        if (host == null || Request.getServerPort(x.request) != connector.getLocalPort()) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return settings.bind().isLoopbackAddress();
        }
        // Only an address literal is compared, so that checking a Host never looks a name up.
        if (!host.matches("[0-9.]{1,15}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(host).equals(settings.bind());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * The request's session: from its cookie; in token mode a valid token in the query opens one
     * (and redirects to the same page without the token, so it leaves the address bar and history);
     * in header mode the proxy's user opens one, and a different user never inherits another's.
     */
    private Sessions.Session session(Exchange x) {
        String cookie = null;
        for (HttpCookie c : Request.getCookies(x.request)) {
            if (c.getName().equals(Sessions.COOKIE)) {
                cookie = c.getValue();
            }
        }
        Sessions.Session s = sessions.find(cookie);
        if (settings.headerMode()) {
            List<String> users = x.request.getHeaders().getValuesList(settings.headerName());
            if (users.size() > 1) {
                // A proxy that appends rather than replaces would let the browser's own value through.
                x.text(403, "The " + settings.headerName() + " header came more than once: the single sign-on proxy must "
                        + "set it, replacing any the browser sent (docs/review.md).");
                return null;
            }
            String user = users.isEmpty() ? null : users.get(0);
            if (user == null || user.isBlank()) {
                return null;
            }
            user = user.strip();
            if (!Acknowledgements.PSEUDONYM.matcher(user).matches() || pii.scan(user).found()) {
                x.text(403, "The signed-in user given by the " + settings.headerName() + " header is not a pseudonym "
                        + "(letters, digits, '.', '_' or '-', up to 64 characters): the proxy must pass a user name, "
                        + "not an e-mail address or a full name, because it is written into the acknowledgements file.");
                return null;
            }
            if (s == null || !user.equals(s.user)) {
                s = sessions.open(user);
                x.response.getHeaders().add(HttpHeader.SET_COOKIE, Sessions.cookie(s));
            }
            return s;
        }
        String given = x.query().get("token");
        if (given != null && x.request.getMethod().equals("GET")) {
            if (!Sessions.constantTimeEquals(token, given)) {
                x.text(403, "This sign-in token is not this server's: open the address that serve printed when it started.");
                return null;
            }
            // Always a new session: a cookie set beforehand (by another service on this host, whose
            // cookies the browser shares across ports) must never become a signed-in session.
            s = sessions.open(null);
            x.response.getHeaders().add(HttpHeader.SET_COOKIE, Sessions.cookie(s));
            String path = x.request.getHttpURI().getPath();
            // Only a path of this server: "//host/" or a backslash would send the browser elsewhere.
            x.redirect(path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\") ? "/" : path);
            return s;
        }
        return s;
    }
}
