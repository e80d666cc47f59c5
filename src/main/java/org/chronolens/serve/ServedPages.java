package org.chronolens.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server adds to a report page on its way out: its own script and style sheet (the forms
 * are built by that script, so a page opened from disk has no forms and no trace of the server),
 * and the Content-Security-Policy that lets the report's own inline scripts run (as its templates
 * hold them, by hash) and the page's inline style, and nothing from anywhere but this server.
 *
 * <p>A script is allowed because a template of the report holds it, never because it is in the
 * page: were a page ever to carry a script from the data (it cannot, every value is escaped), the
 * policy would still refuse it. The style is the page's own (its print heading names the run), and
 * a style cannot run code or reach beyond this server.
 */
final class ServedPages {

    /** Where the server's own files are: no run or pack folder has a name starting with '-'. */
    static final String ASSETS = "/-/";

    private static final Pattern INLINE_SCRIPT = Pattern.compile("(?s)<script(\\s[^>]*)?>(.*?)</script>");
    private static final Pattern INLINE_STYLE = Pattern.compile("(?s)<style(\\s[^>]*)?>(.*?)</style>");

    /** The report's templates that hold an inline script (ServedPagesTest checks no other does). */
    static final List<String> SCRIPT_TEMPLATES = List.of("chronology-script.mustache", "landing-script.mustache",
            "rule.mustache");

    /** The hashes of those scripts: the only inline scripts a served page may run. */
    private static final Set<String> OWN_SCRIPTS = ownScripts();

    private ServedPages() {
    }

    /** The policy for a page: its inline scripts and styles by hash, everything else from this server only. */
    static String policy(String html) {
        Set<String> scripts = hashes(INLINE_SCRIPT, html, true);
        scripts.retainAll(OWN_SCRIPTS);
        Set<String> styles = hashes(INLINE_STYLE, html, false);
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

    private static Set<String> ownScripts() {
        StringBuilder all = new StringBuilder();
        for (String name : SCRIPT_TEMPLATES) {
            try (InputStream in = ServedPages.class.getResourceAsStream("/org/chronolens/report/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the report template " + name + " is missing from the application");
                }
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hashes(INLINE_SCRIPT, all.toString(), true);
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
