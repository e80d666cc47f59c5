package org.chronolens.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, with the request path sent exactly as written: an HTTP client
 * library would tidy {@code ..} and percent escapes away before the server ever saw them.
 */
final class Http {

    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        /** The session cookie's value from Set-Cookie, or null. */
        String sessionCookie() {
            List<String> v = headers.getOrDefault("set-cookie", List.of());
            for (String c : v) {
                if (c.startsWith(Sessions.COOKIE + "=")) {
                    return c.substring(0, c.indexOf(';'));
                }
            }
            return null;
        }

        /** The CSRF token the server put on a page for its script. */
        String csrf() {
            Matcher m = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    private final int port;

    Http(int port) {
        this.port = port;
    }

    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** {@code headers} as name, value, name, value... */
    Reply send(String method, String path, String body, String... headers) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            boolean hostGiven = false;
            for (int i = 0; i < headers.length; i += 2) {
                hostGiven |= headers[i].equalsIgnoreCase("Host");
            }
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n"
                    + (hostGiven ? "" : "Host: 127.0.0.1:" + port + "\r\n") + "Connection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(content);
                out.flush();
            } catch (IOException refusedMidway) {
                // A server that refuses a large body may close before reading it; its reply still counts.
            }
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            // Whatever arrived before a reset is the reply.
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/1.1 ") ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", List.of("")).get(0))) {
            body = unchunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            if (nl < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, nl).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }

    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(java.net.URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
