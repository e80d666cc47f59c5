package org.chronolens.serve;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A served page's policy allows exactly its own inline script, style and handlers; the server's additions are files. */
class ServedPagesTest {

    private static final String PAGE = "<!DOCTYPE html><html><head><style>p{color:red}</style></head><body>"
            + "<form onsubmit=\"return false\"><input></form><p>&quot;onclick=&quot;evil()&quot;</p>"
            + "<script src=\"rows.js\"></script><script>go();</script></body></html>";

    @Test
    void thePolicyListsThePagesOwnInlineScriptStyleAndHandlerByHash() {
        String policy = ServedPages.policy(PAGE);
        assertEquals("default-src 'none'; script-src 'self' 'sha256-" + ServedPages.sha256("go();") + "' 'unsafe-hashes' 'sha256-"
                + ServedPages.sha256("return false") + "'; style-src 'self' 'sha256-" + ServedPages.sha256("p{color:red}")
                + "'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", policy,
                "a script with src is allowed as 'self'; escaped text that looks like a handler allows nothing");
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
