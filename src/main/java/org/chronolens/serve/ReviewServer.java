package org.chronolens.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.audit.ChecklistVerdicts;
import org.chronolens.audit.Checklists;
import org.chronolens.check.IdentifierWords;
import org.chronolens.check.PiiScanner;
import org.chronolens.config.ConfigException;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.RunLayout;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.review.AcknowledgementLog;
import org.chronolens.review.Acknowledgements;
import org.chronolens.util.Columns;
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
 * <p>Every request needs a session; every POST also needs the session's CSRF token. A request for
 * anything outside the served roots is "not found", whatever encoding or link it tries. The access
 * log holds the method, the path (never the query, which may carry the sign-in token), the status,
 * the size and the user, and never a form's contents.
 */
public final class ReviewServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSRF_HEADER = "X-CSRF-Token";

    private final ServeSettings settings;
    private final ServedRoots roots;
    private final Sessions sessions = new Sessions();
    private final String token = Sessions.secret();
    private final TextFiles files = new TextFiles(HadoopConf.of(Map.of()));
    private final PiiScanner pii = new PiiScanner();
    private final Server server;
    private final ServerConnector connector;

    public ReviewServer(ServeSettings settings) throws IOException {
        this.settings = settings;
        this.roots = new ServedRoots(settings.runs(), settings.audit());
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

    /** One exchange: what the access log says of it is filled in as it goes. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final long started = System.nanoTime();
        Sessions.Session session;
        int status;
        long bytes;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void send(int code, String contentType, byte[] body, String policy) {
            status = code;
            bytes = body.length;
            response.setStatus(code);
            var h = response.getHeaders();
            h.put(HttpHeader.CONTENT_TYPE, contentType);
            h.put("Content-Security-Policy", policy);
            h.put("X-Content-Type-Options", "nosniff");
            h.put("Referrer-Policy", "no-referrer");
            h.put("X-Frame-Options", "DENY");
            h.put(HttpHeader.CACHE_CONTROL, "no-store");
            h.put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
            response.write(true, "HEAD".equals(request.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        }

        void text(int code, String message) {
            send(code, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), ServedPages.policy());
        }

        void json(int code, Object value) {
            try {
                send(code, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), ServedPages.policy());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void redirect(String location) {
            response.getHeaders().put(HttpHeader.LOCATION, location);
            text(303, "See " + location);
        }
    }

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
                log(x);
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
            if (x.status == 0) {
                x.text(500, "The server could not answer this request; it wrote nothing. (" + e.getClass().getSimpleName() + ")");
            }
        } finally {
            log(x);
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
            post(x, path);
            return;
        }
        switch (path) {
            case "/" -> home(x);
            // Browsers ask for it of every site; the report has none, and a 404 would read as a fault.
            case "/favicon.ico" -> x.send(204, "image/x-icon", new byte[0], ServedPages.policy());
            case ServedPages.ASSETS + "review.js" -> asset(x, "review.js", "text/javascript; charset=utf-8");
            case ServedPages.ASSETS + "review.css" -> asset(x, "review.css", "text/css; charset=utf-8");
            case ServedPages.ASSETS + "trail" -> trail(x);
            case ServedPages.ASSETS + "verdicts" -> verdicts(x);
            default -> file(x, path);
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
            String user = x.request.getHeaders().get(settings.headerName());
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
        String given = query(x.request).get("token");
        if (given != null && x.request.getMethod().equals("GET")) {
            if (!Sessions.constantTimeEquals(token, given)) {
                x.text(403, "This sign-in token is not this server's: open the address that serve printed when it started.");
                return null;
            }
            if (s == null) {
                s = sessions.open(null);
            }
            x.response.getHeaders().add(HttpHeader.SET_COOKIE, Sessions.cookie(s));
            x.redirect(x.request.getHttpURI().getPath());
            return s;
        }
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // What can be read

    private void home(Exchange x) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>chronolens review</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + ServedPages.ASSETS + "review.css\">\n</head>\n<body class=\"served-home\">\n"
                + "<header><h1>chronolens: reports and audit packs</h1></header>\n<main>\n<h2>Runs</h2>\n");
        List<Path> runs = roots.runsWithReports();
        if (runs.isEmpty()) {
            html.append("<p>No completed run with a report under the served folder.</p>\n");
        } else {
            html.append("<ul>\n");
            for (Path run : newestFirst(runs)) {
                html.append("<li><a href=\"").append(ServedPages.escape(roots.urlOf(run.resolve("report/index.html"))))
                        .append("\">").append(ServedPages.escape(label(roots.runsRoot(), run))).append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        if (roots.auditRoot() != null) {
            html.append("<h2>Audit packs</h2>\n<ul>\n");
            for (Path pack : roots.packs()) {
                html.append("<li><a href=\"").append(ServedPages.escape(roots.urlOf(pack.resolve("index.html"))))
                        .append("\">").append(ServedPages.escape(label(roots.auditRoot(), pack))).append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        x.send(200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8), ServedPages.policy());
    }

    /** Run folders sort by their as-of date in their names; the newest is the one most often wanted. */
    private static List<Path> newestFirst(List<Path> runs) {
        List<Path> out = new ArrayList<>(runs);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String label(Path root, Path folder) {
        String rel = root.relativize(folder).toString();
        return rel.isEmpty() ? folder.getFileName().toString() : rel;
    }

    private void asset(Exchange x, String name, String type) {
        try (InputStream in = ReviewServer.class.getResourceAsStream(name)) {
            x.send(200, type, in.readAllBytes(), ServedPages.policy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void file(Exchange x, String path) {
        Optional<Path> found = roots.resolve(path);
        if (found.isEmpty()) {
            x.text(404, "Not found.");
            return;
        }
        Path real = found.get();
        if (Files.isDirectory(real)) {
            if (Files.isRegularFile(real.resolve("index.html"))) {
                x.redirect(roots.urlOf(real.resolve("index.html")));
            } else {
                x.text(404, "Not found.");
            }
            return;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(real);
        } catch (IOException e) {
            x.text(404, "Not found.");
            return;
        }
        String name = real.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            String html = new String(body, StandardCharsets.UTF_8);
            // The policy is of the page as written; the server's additions are files of its own.
            String policy = ServedPages.policy(html);
            x.send(200, "text/html; charset=utf-8", ServedPages.inject(html, pageData(x, real))
                    .getBytes(StandardCharsets.UTF_8), policy);
            return;
        }
        x.send(200, contentType(name), body, ServedPages.policy());
    }

    /** What the server's script needs to know of a page: whose session, which run or pack, what it may do. */
    private Map<String, String> pageData(Exchange x, Path page) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("csrf", x.session.csrf);
        data.put("user", x.session.user == null ? "" : x.session.user);
        data.put("mode", settings.headerMode() ? "header" : "token");
        if (roots.isRun(page)) {
            roots.runOf(page).ifPresent(run -> {
                data.put("run", roots.urlOf(run));
                boolean child = page.startsWith(run.resolve("report").resolve("subjects"));
                data.put("kind", child ? "child" : "report");
                data.put("acks", acknowledgementsFile(run).isPresent() ? "on" : "off");
                data.put("outcomes", json(Acknowledgements.OUTCOME_WORDS));
            });
        } else {
            roots.packOf(page).ifPresent(pack -> {
                data.put("pack", roots.urlOf(pack));
                data.put("kind", page.equals(pack.resolve(RunLayout.Pack.INDEX.file())) ? "pack" : "pack-page");
                data.put("verdicts", String.join(",", Checklists.VERDICTS));
            });
        }
        return data;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "txt", "md" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    /**
     * The acknowledgements file reviewers of this run append to: the server's {@code --acknowledgements},
     * else the file the run's scan read, as its manifest names it.
     */
    private Optional<String> acknowledgementsFile(Path run) {
        if (settings.acknowledgements() != null) {
            return Optional.of(settings.acknowledgements());
        }
        try {
            var manifest = JSON.readTree(run.resolve(RunLayout.Output.MANIFEST.file()).toFile());
            String named = manifest.path("acknowledgements").asText("");
            return named.isEmpty() ? Optional.empty() : Optional.of(named);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Lines of the acknowledgements file recorded since the run was made, for the flags of the run. */
    private void trail(Exchange x) {
        Optional<Path> run = runOfUrl(query(x.request).get("run"));
        if (run.isEmpty()) {
            x.json(404, Map.of("error", "No such run."));
            return;
        }
        Optional<String> file = acknowledgementsFile(run.get());
        List<Map<String, String>> out = new ArrayList<>();
        if (file.isPresent() && files.exists(file.get())) {
            long seen = linesSeenBy(run.get());
            for (Acknowledgements.Entry e : Acknowledgements.load(file.get(), files.configuration()).entries()) {
                if (e.line() > seen) {
                    out.add(trailLine(e.flagKey(), e.date().toString(), e.reviewer(), e.outcome(), e.reason()));
                }
            }
        }
        x.json(200, Map.of("lines", out));
    }

    /** The last line of the acknowledgements file the run's own trail accounted for (0: none). */
    private static long linesSeenBy(Path run) {
        Path trail = run.resolve(RunLayout.Output.ACKNOWLEDGEMENTS_CSV.file());
        if (!Files.isRegularFile(trail)) {
            return 0;
        }
        long max = 0;
        try (var in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String line = r.isMapped("line") ? r.get("line") : "";
                if (line.matches("[0-9]{1,18}")) {
                    max = Math.max(max, Long.parseLong(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return max;
    }

    private static Map<String, String> trailLine(String flag, String date, String reviewer, String outcome, String reason) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flag", flag);
        m.put("date", date);
        m.put("reviewer", reviewer);
        m.put("outcome", Acknowledgements.OUTCOME_WORDS.getOrDefault(outcome, outcome));
        m.put("reason", reason.length() > 1 && reason.charAt(0) == '\'' && "=+-@\t\r".indexOf(reason.charAt(1)) >= 0
                ? reason.substring(1) : reason);
        m.put("status", "recorded since this run; the next run applies it");
        return m;
    }

    private void verdicts(Exchange x) {
        Optional<Path> pack = packOfUrl(query(x.request).get("pack"));
        if (pack.isEmpty()) {
            x.json(404, Map.of("error", "No such audit pack."));
            return;
        }
        if (x.session.user == null) {
            x.json(200, Map.of("verdicts", Map.of()));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        new ChecklistVerdicts(files, pack.get().toString()).of(x.session.user).forEach((k, v) ->
                out.put(k, Map.of("verdict", v.verdict(), "comment", v.comment())));
        x.json(200, Map.of("verdicts", out));
    }

    private Optional<Path> runOfUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        return roots.resolve(url).filter(p -> roots.isRun(p)).flatMap(roots::runOf);
    }

    private Optional<Path> packOfUrl(String url) {
        if (url == null || roots.auditRoot() == null) {
            return Optional.empty();
        }
        return roots.resolve(url).filter(p -> !roots.isRun(p)).flatMap(roots::packOf);
    }

    // ---------------------------------------------------------------------------------------------
    // What can be written

    private void post(Exchange x, String path) {
        long declared = x.request.getLength();
        if (declared > settings.maxBodyBytes()) {
            x.text(413, "The request is larger than a form of this server (" + settings.maxBodyBytes() + " bytes); nothing was written.");
            return;
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(x.request)) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        } catch (IOException e) {
            x.text(400, "The request's body could not be read; nothing was written.");
            return;
        }
        if (body.length > settings.maxBodyBytes()) {
            x.text(413, "The request is larger than a form of this server (" + settings.maxBodyBytes() + " bytes); nothing was written.");
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String csrf = x.request.getHeaders().get(CSRF_HEADER);
        if (!x.session.csrfMatches(csrf != null ? csrf : form.get("csrf"))) {
            x.text(403, "This form is not from this session (its CSRF token is missing or wrong); nothing was written. "
                    + "Reload the page and try again.");
            return;
        }
        switch (path) {
            case ServedPages.ASSETS + "name" -> name(x, form);
            case ServedPages.ASSETS + "acknowledge" -> acknowledge(x, form);
            case ServedPages.ASSETS + "verdict" -> verdict(x, form);
            default -> x.text(405, "Nothing here can be changed: the server writes only acknowledgements and audit verdicts.");
        }
    }

    private void name(Exchange x, Map<String, String> form) {
        if (settings.headerMode()) {
            x.json(409, Map.of("error", "You are signed in as " + x.session.user + " by single sign-on; that name is used."));
            return;
        }
        String name = form.getOrDefault("name", "").strip();
        if (!Acknowledgements.PSEUDONYM.matcher(name).matches() || pii.scan(name).found()) {
            x.json(400, Map.of("error", "'" + (name.length() > 20 ? name.substring(0, 20) + "..." : name)
                    + "' is not a pseudonym: use letters, digits, '.', '_' or '-' (up to 64 characters, no spaces), "
                    + "such as rev-07; never your name or e-mail address."));
            return;
        }
        synchronized (x.session) {
            // Once per session: every line of a session is signed by one person.
            if (x.session.user != null && !x.session.user.equals(name)) {
                x.json(409, Map.of("error", "This session already reviews as " + x.session.user + "; to sign as someone "
                        + "else, open the address serve printed in a private window."));
                return;
            }
            x.session.user = name;
        }
        x.json(200, Map.of("user", name));
    }

    private void acknowledge(Exchange x, Map<String, String> form) {
        if (x.session.user == null) {
            x.json(409, Map.of("error", "Give your reviewer pseudonym first; nothing was written."));
            return;
        }
        Optional<Path> run = runOfUrl(form.get("run"));
        if (run.isEmpty()) {
            x.json(404, Map.of("error", "No such run under the served folder; nothing was written."));
            return;
        }
        Optional<String> file = acknowledgementsFile(run.get());
        if (file.isEmpty()) {
            x.json(409, Map.of("error", "This server has no acknowledgements file for this run (start serve with "
                    + "--acknowledgements FILE, or scan with --acknowledgements); nothing was written."));
            return;
        }
        String note = form.getOrDefault("note", "").strip();
        String outcome = form.getOrDefault("outcome", "").strip();
        String flag = form.getOrDefault("flag", "").strip();
        if (note.isEmpty()) {
            x.json(400, Map.of("error", "Write a reason or reflection: it is the audit trail. Nothing was written."));
            return;
        }
        if (note.length() > ServeSettings.MAX_NOTE) {
            x.json(400, Map.of("error", "The note is " + note.length() + " characters; keep it under "
                    + ServeSettings.MAX_NOTE + ". Nothing was written."));
            return;
        }
        PiiScanner.Scan scan = pii.scan(note);
        if (scan.found()) {
            // The note is not echoed: it holds the identifier.
            x.json(400, Map.of("error", "The note holds what looks like " + IdentifierWords.of(scan)
                    + ". Nothing was written: rewrite it without identifiers (pseudonyms only)."));
            return;
        }
        if (!Acknowledgements.OUTCOMES.contains(outcome)) {
            x.json(400, Map.of("error", "Choose an outcome (" + String.join(", ", Acknowledgements.OUTCOME_WORDS.values())
                    + "); nothing was written."));
            return;
        }
        String day = settings.today().get().toString();
        try {
            new AcknowledgementLog(files, file.get()).append(new AcknowledgementLog.Request(run.get().toString(), flag,
                    x.session.user, day, outcome, note), Duration.ofSeconds(10));
        } catch (UsageException | ConfigException e) {
            x.json(400, Map.of("error", e.getMessage()));
            return;
        }
        x.json(200, Map.of("line", trailLine(flag, day, x.session.user, outcome, note)));
    }

    private void verdict(Exchange x, Map<String, String> form) {
        if (x.session.user == null) {
            x.json(409, Map.of("error", "Give your auditor pseudonym first; nothing was written."));
            return;
        }
        Optional<Path> pack = packOfUrl(form.get("pack"));
        if (pack.isEmpty()) {
            x.json(404, Map.of("error", "No such audit pack under the served folder; nothing was written."));
            return;
        }
        try {
            ChecklistVerdicts.Recorded r = new ChecklistVerdicts(files, pack.get().toString()).record(x.session.user,
                    form.getOrDefault("flag", "").strip(), form.getOrDefault("verdict", "").strip(), form.get("comment"));
            x.json(200, Map.of("flag", r.flagKey(), "verdict", r.verdict(), "comment", r.comment(),
                    "checklist", Path.of(r.file()).getFileName().toString()));
        } catch (UsageException | ConfigException e) {
            x.json(400, Map.of("error", e.getMessage()));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, String> query(Request request) {
        String q = request.getHttpURI().getQuery();
        return q == null ? Map.of() : form(q);
    }

    /** An application/x-www-form-urlencoded body or query; the first value of a name counts. */
    static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // A malformed pair is left out, as a form field that was never sent.
            }
        }
        return out;
    }

    private void log(Exchange x) {
        PrintWriter out = settings.accessLog();
        if (out == null) {
            return;
        }
        String line = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + Request.getRemoteAddr(x.request) + " "
                + (x.session == null || x.session.user == null ? "-" : x.session.user) + " " + x.request.getMethod() + " "
                + safePath(x.request.getHttpURI().getPath()) + " " + x.status + " " + x.bytes + " "
                + (System.nanoTime() - x.started) / 1_000_000 + "ms";
        // The server's threads share the log: one whole line at a time.
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * The path as logged: never its query; identifiers a prober typed into it redacted, as in every
     * other log line; control characters and spaces shown escaped so a line stays one line.
     */
    private String safePath(String path) {
        if (path == null) {
            return "-";
        }
        String read = pii.redact(ServedRoots.decode(path).orElse(path));
        StringBuilder out = new StringBuilder();
        for (char c : read.toCharArray()) {
            out.append(c <= 0x20 || c == 0x7f ? "%" + String.format("%02X", (int) c) : String.valueOf(c));
        }
        return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
    }
}
