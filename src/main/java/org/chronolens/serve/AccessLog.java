package org.chronolens.serve;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.chronolens.check.PiiScanner;
import org.eclipse.jetty.server.Request;

/**
 * The access log: time, client, pseudonym, method, path, status, size and milliseconds, one line
 * an exchange. Never the query (it may carry the sign-in token), a form's contents or a cookie.
 */
final class AccessLog {

    private final PrintWriter out;
    private final PiiScanner pii = new PiiScanner();

    /** @param out where the lines go, or null for none */
    AccessLog(PrintWriter out) {
        this.out = out;
    }

    void log(Exchange x) {
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
