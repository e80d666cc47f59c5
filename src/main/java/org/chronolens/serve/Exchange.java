package org.chronolens.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer. Every answer goes through {@link #send}, so every one carries the
 * same protective headers; what the access log says of it is filled in as it goes.
 */
final class Exchange {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The request's query, as a form reads it. */
    Map<String, String> query() {
        String q = request.getHttpURI().getQuery();
        return q == null ? Map.of() : ReviewForms.form(q);
    }
}
