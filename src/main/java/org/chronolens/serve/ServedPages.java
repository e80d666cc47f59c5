package org.chronolens.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server adds to a report page on its way out: its own script and style sheet (the forms
 * are built by that script, so a page opened from disk has no forms and no trace of the server),
 * and the Content-Security-Policy that lets exactly the page's own inline scripts and style run,
 * by their hashes, and nothing from anywhere but this server.
 */
final class ServedPages {

    /** Where the server's own files are: no run or pack folder has a name starting with '-'. */
    static final String ASSETS = "/-/";

    private static final Pattern INLINE_SCRIPT = Pattern.compile("(?s)<script(\\s[^>]*)?>(.*?)</script>");
    private static final Pattern INLINE_STYLE = Pattern.compile("(?s)<style(\\s[^>]*)?>(.*?)</style>");
    /** An event handler written in the markup ({@code onsubmit="return false"}); text from data is escaped, so has no bare quotes. */
    private static final Pattern HANDLER = Pattern.compile("<[a-zA-Z][^>]*?\\son[a-z]+=\"([^\"<>]*)\"");

    private ServedPages() {
    }

    /** The policy for a page: its inline scripts and styles by hash, everything else from this server only. */
    static String policy(String html) {
        Set<String> scripts = hashes(INLINE_SCRIPT, html, true);
        Set<String> styles = hashes(INLINE_STYLE, html, false);
        // A handler attribute runs only if its own hash is listed and 'unsafe-hashes' allows
        // attributes at all: exactly the page's handlers, never one injected beside them.
        Set<String> handlers = new LinkedHashSet<>();
        Matcher h = HANDLER.matcher(html);
        while (h.find()) {
            handlers.add("'sha256-" + sha256(h.group(1)) + "'");
        }
        if (!handlers.isEmpty()) {
            scripts.add("'unsafe-hashes'");
            scripts.addAll(handlers);
        }
        return "default-src 'none'; script-src 'self'" + join(scripts) + "; style-src 'self'" + join(styles)
                + "; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** The policy of everything that is not a page. */
    static String policy() {
        return policy("");
    }

    /**
     * The page with the server's script and style sheet added; {@code data} becomes the script
     * element's data attributes (the session's CSRF token, what the page is).
     */
    static String inject(String html, Map<String, String> data) {
        StringBuilder tag = new StringBuilder("<script src=\"" + ASSETS + "review.js\" defer");
        data.forEach((k, v) -> tag.append(" data-").append(k).append("=\"").append(escape(v)).append('"'));
        tag.append("></script>\n");
        String link = "<link rel=\"stylesheet\" href=\"" + ASSETS + "review.css\">\n";
        int head = html.indexOf("</head>");
        String out = head < 0 ? link + html : html.substring(0, head) + link + html.substring(head);
        int body = out.lastIndexOf("</body>");
        return body < 0 ? out + tag : out.substring(0, body) + tag + out.substring(body);
    }

    private static Set<String> hashes(Pattern p, String html, boolean skipWithSrc) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(html);
        while (m.find()) {
            String attributes = m.group(1) == null ? "" : m.group(1);
            if (skipWithSrc && attributes.contains("src=")) {
                continue;
            }
            out.add("'sha256-" + sha256(m.group(2)) + "'");
        }
        return out;
    }

    private static String join(Set<String> hashes) {
        return hashes.isEmpty() ? "" : " " + String.join(" ", hashes);
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
