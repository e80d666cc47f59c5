package org.chronolens.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is signed in. A session is a random id in an HttpOnly, SameSite=Strict cookie; it carries its
 * own CSRF token (asked of every request that changes something) and the reviewer's pseudonym: the
 * signed-in user in header mode, the name given once in token mode. Sessions live in memory only,
 * so a restart signs everyone out, which is what a restart of a review server should do.
 */
final class Sessions {

    /** The cookie's name. */
    static final String COOKIE = "chronolens_session";

    /** A working day and then some: a reviewer does not sign in again mid-meeting. */
    static final Duration LIFETIME = Duration.ofHours(12);

    /** One signed-in browser. {@code user} is null until a token-mode reviewer gives a name. */
    static final class Session {
        final String id;
        final String csrf;
        final Instant started;
        volatile String user;

        Session(String id, String csrf, Instant started, String user) {
            this.id = id;
            this.csrf = csrf;
            this.started = started;
            this.user = user;
        }

        boolean csrfMatches(String given) {
            return given != null && constantTimeEquals(csrf, given);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    /** A new random secret: 32 bytes, URL-safe. */
    static String secret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Session open(String user) {
        // Expired sessions go as new ones come: a client behind the proxy that keeps no cookie
        // opens one a request, and those must not pile up for the server's life.
        Instant now = Instant.now();
        byId.values().removeIf(old -> old.started.plus(LIFETIME).isBefore(now));
        Session s = new Session(secret(), secret(), now, user);
        byId.put(s.id, s);
        return s;
    }

    /** The live session with this id, or null. */
    Session find(String id) {
        if (id == null) {
            return null;
        }
        Session s = byId.get(id);
        if (s != null && s.started.plus(LIFETIME).isBefore(Instant.now())) {
            byId.remove(id);
            return null;
        }
        return s;
    }

    /** The cookie that carries a session: not readable by scripts, never sent by another site. */
    static String cookie(Session s) {
        return COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds();
    }

    /** Compares secrets in time that does not depend on where they differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
