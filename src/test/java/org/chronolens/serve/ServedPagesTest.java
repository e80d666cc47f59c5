package org.chronolens.serve;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A served page's policy allows the report's own inline scripts and the page's style; the server's additions are files. */
class ServedPagesTest {

    private static final String TEMPLATES = "src/main/resources/org/chronolens/report";

    private static final String OWN = ownScript();

    private static final String PAGE = "<!DOCTYPE html><html><head><style>p{color:red}</style></head><body>"
            + "<form><input></form><p>&quot;onclick=&quot;evil()&quot;</p>"
            + "<script src=\"rows.js\"></script><script>" + OWN + "</script><script>evil();</script></body></html>";

    /** The body of the rule page's inline script, as its template holds it. */
    private static String ownScript() {
        try {
            String rule = java.nio.file.Files.readString(java.nio.file.Path.of(TEMPLATES, "rule.mustache"));
            return rule.substring(rule.indexOf("<script>") + "<script>".length(), rule.indexOf("</script>"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thePolicyAllowsTheReportsOwnInlineScriptsAndThePagesStyleByHashAndNoOtherScript() {
        String policy = ServedPages.policy(PAGE);
        assertEquals("default-src 'none'; script-src 'self' 'sha256-" + ServedPages.sha256(OWN) + "'; style-src 'self' 'sha256-"
                + ServedPages.sha256("p{color:red}")
                + "'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", policy,
                "a script with src is allowed as 'self'; a script no template holds is not allowed, though the page holds it");
        assertFalse(policy.contains(ServedPages.sha256("evil();")), policy);
        assertFalse(policy.contains("unsafe"), policy);
    }

    @Test
    void everyTemplateWithAnInlineScriptIsDeclaredAndNoneHasAnInlineHandler() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(TEMPLATES))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".mustache")).toList()) {
                String text = java.nio.file.Files.readString(f);
                String name = f.getFileName().toString();
                assertEquals(text.contains("<script>"), ServedPages.SCRIPT_TEMPLATES.contains(name),
                        name + ": a template with an inline script is in ServedPages.SCRIPT_TEMPLATES, and only such a template");
                assertFalse(java.util.regex.Pattern.compile("<[a-z][^>]*\\son[a-z]+=").matcher(text).find(),
                        name + " has an inline event handler, which the served policy refuses: bind it in the page's script");
            }
        }
    }

    @Test
    void theServersScriptAndStyleAreAddedWithTheirDataEscaped() {
        String served = ServedPages.inject(PAGE, Map.of("user", "rev-07\"><script>"));
        assertTrue(served.contains("<link rel=\"stylesheet\" href=\"/-/review.css\">\n</head>"), served);
        assertTrue(served.contains("<script src=\"/-/review.js\" defer data-user=\"rev-07&quot;&gt;&lt;script&gt;\"></script>\n</body>"), served);
        assertEquals(ServedPages.policy(PAGE), ServedPages.policy(served),
                "the additions need nothing of the policy beyond 'self'");
    }
}
