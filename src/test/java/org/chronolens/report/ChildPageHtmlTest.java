package org.chronolens.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.chronolens.detect.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The children's pages are written by code ({@link ChildPageHtml}) where Mustache templates wrote
 * them. Two things must hold: the pages are byte for byte what the templates wrote from the same
 * values, and every value the page shows is escaped, however hostile.
 *
 * <p>The templates the code replaced ({@code subject.mustache}, {@code subject-part.mustache},
 * {@code subject-summary.mustache}, {@code chronology.mustache}) are kept under src/test/resources
 * as that reference, and nowhere else. A change to what a child's page shows is made in the code
 * and in them alike, or, when the page is meant to change, this reference is retired.
 */
class ChildPageHtmlTest {

    /** The markup payloads of the report's safety tests (ReportTest), and characters Mustache escaped. */
    private static final List<String> PAYLOADS = List.of(
            "<script>alert(\"x\")</script> & 'q' </textarea> javascript:alert(1)",
            "<img src=x onerror=alert(1)>",
            "\" onmouseover=\"alert(1)",
            "' onerror='alert(1)",
            "javascript:alert(1)",
            "`=`&amp;&#39;&lt;",
            "line\nbreak\r\ttab\u0000nul\u000bvt\u001fus");

    @TempDir
    Path dir;

    @Test
    void pagesAreByteForByteWhatTheTemplatesWroteFromTheSameValues() throws Exception {
        Random random = new Random(31);
        Values v = new Values(random);
        PageWriter writer = new PageWriter(dir.toString(), new Configuration());
        Html html = new Html(16);
        for (int i = 0; i < 400; i++) {
            Map<String, Object> page = v.page();
            assertSame(Templates.render("subject", oracle(page)), ChildPageHtml.page(html.reset(), page).toString(), "page " + i);
            writer.write("p" + i + ".html", html);
            assertArrayEquals(Templates.render("subject", oracle(page)).getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(dir.resolve("p" + i + ".html")), "page " + i + " in UTF-8");
            Map<String, Object> part = v.part();
            assertSame(Templates.render("subject-part", oracle(part)), ChildPageHtml.part(html.reset(), part).toString(), "part " + i);
        }
    }

    @Test
    void aLongChronologyInPartsIsWhatTheTemplatesWrote() {
        List<ChildPage.Entry> chronology = new ArrayList<>();
        for (int i = 0; i < 4_500; i++) {
            // Every seventh event the family's, every fifth untimed, every fourth without a note.
            chronology.add(new ChildPage.Entry(new Event("F1", i % 7 == 0 ? null : "C1", String.format("E%04d", i),
                    LocalDate.of(2020, 1, 1).plusDays(i), i % 5 == 0 ? null : "09:30", i % 2 == 0 ? "health" : "social_care",
                    "appointment", i % 3 == 0 ? "was_not_brought" : "attended", null, null, List.of()),
                    i % 4 == 0 ? null : "note " + PAYLOADS.get(i % PAYLOADS.size()).repeat(40)));
        }
        ChildPage.Pages pages = ChildPage.pages(chronology, List.of(), Prompts.defaults(), "C1");
        assertTrue(pages.parts().size() > 2, "in parts");
        Map<String, Object> page = header(new LinkedHashMap<>(pages.page()));
        page.put("timeline", Markup.drawn(new StringBuilder("<svg></svg>")));
        page.put("countedBy", "month");
        page.put("scrutinyMarked", false);
        page.put("siblings", List.of());
        page.put("hasSiblings", false);
        page.put("d", new LinkedHashMap<>());
        assertSame(Templates.render("subject", oracle(page)), ChildPageHtml.page(new Html(), page).toString(), "the child's page");
        for (Map<String, Object> part : pages.parts()) {
            Map<String, Object> p = header(new LinkedHashMap<>(part));
            assertSame(Templates.render("subject-part", oracle(p)), ChildPageHtml.part(new Html(), p).toString(), "part " + part.get("number"));
        }
    }

    /**
     * Every text slot of a child's page and of a part gets the payload (the same pages drawn again
     * with a harmless word in every slot are the comparison): the pages have exactly the markup of
     * the harmless ones, the same tags, quotes and apostrophes, and none of the payload's.
     */
    @Test
    void everyValueOnAChildsPageIsEscaped() {
        for (String payload : PAYLOADS) {
            for (int seed = 0; seed < 30; seed++) {
                Values hostile = new Values(new Random(seed), () -> payload);
                Values harmless = new Values(new Random(seed), () -> "word");
                String page = ChildPageHtml.page(new Html(), hostile.page()).toString();
                assertInert(page, ChildPageHtml.page(new Html(), harmless.page()).toString(), payload);
                String part = ChildPageHtml.part(new Html(), hostile.part()).toString();
                assertInert(part, ChildPageHtml.part(new Html(), harmless.part()).toString(), payload);
            }
        }
    }

    /**
     * What ServedPagesTest holds of the templates, held of the pages written by code: no inline event
     * handler (the served policy refuses them), and no inline script but the chronology's own, which
     * the server allows by its hash (ServedPages.SCRIPT_TEMPLATES).
     */
    @Test
    void thePagesOwnMarkupHasNoInlineHandlerAndOnlyTheChronologysScript() {
        String script = Markup.resourceText("chronology-script.mustache");
        Values v = new Values(new Random(3), () -> "word");
        for (int i = 0; i < 50; i++) {
            for (String html : List.of(ChildPageHtml.page(new Html(), v.page()).toString(), ChildPageHtml.part(new Html(), v.part()).toString())) {
                assertFalse(java.util.regex.Pattern.compile("<[a-z][^>]*\\son[a-z]+=").matcher(html).find(), "an inline event handler");
                int scripts = count(html, "<script>");
                assertEquals(scripts, count(html, script), "only the chronology's own script");
                assertTrue(scripts <= 1);
            }
        }
    }

    private static void assertInert(String html, String harmless, String payload) {
        assertTrue(html.contains("Child ") && html.contains("</html>"), "a whole page");
        if (payload.matches("(?s).*[<>&\"'`=\n].*")) {
            assertFalse(html.contains(payload), "the payload as it is: " + payload);
        }
        assertFalse(html.contains("<script>alert"), "an injected script");
        assertFalse(html.contains("<img"), "an injected element");
        assertFalse(html.contains("</textarea>"), "a closed textarea");
        assertFalse(html.contains("onerror="), "an injected attribute");
        assertFalse(html.contains("onmouseover="), "an injected attribute");
        assertFalse(html.contains("href=\"javascript:"), "a script link");
        for (String markup : List.of("<", ">", "\"", "'", "`", "=", "\n")) {
            assertEquals(count(harmless, markup), count(html, markup), "the page's own " + markup + " only, with " + payload);
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void assertSame(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            int at = 0;
            while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 200);
            fail(what + " differs at character " + at + ":\n--- the templates wrote ---\n"
                    + visible(expected.substring(from, Math.min(expected.length(), at + 200))) + "\n--- the code wrote ---\n"
                    + visible(actual.substring(from, Math.min(actual.length(), at + 200))));
        }
    }

    /** Characters beyond printable ASCII as Java escapes, so that a report shows them whatever its encoding. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '\n' || c >= ' ' && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /** The same values for the templates, which take the timeline as a string. */
    private static Map<String, Object> oracle(Map<String, Object> scope) {
        Map<String, Object> m = new LinkedHashMap<>(scope);
        if (m.get("timeline") != null) {
            m.put("timeline", m.get("timeline").toString());
        }
        return m;
    }

    private static Map<String, Object> header(Map<String, Object> scope) {
        scope.put("caseId", "F1");
        scope.put("subjectId", "C1");
        scope.put("root", "../../");
        return scope;
    }

    /**
     * Values of the shapes {@link ChildPage}, {@link CaseSummary} and {@link SubjectPages} build, each
     * one drawn at random: present or missing where they may be missing, null, empty, numbers, and
     * text with characters to escape.
     */
    private static final class Values {

        private final Random r;
        private final Supplier<String> text;

        Values(Random r) {
            this.r = r;
            List<String> words = new ArrayList<>(PAYLOADS);
            words.addAll(List.of("", "plain", "C000146-C2", "é — ● ▲ 😀 \uD800 half", "2026-10-31", "&", "a=b"));
            this.text = () -> words.get(r.nextInt(words.size()));
        }

        Values(Random r, Supplier<String> text) {
            this.r = r;
            this.text = text;
        }

        /** Text or, now and then, null, an empty string or a number. */
        private Object value() {
            return switch (r.nextInt(12)) {
                case 0 -> null;
                case 1 -> r.nextInt(1000);
                default -> text.get();
            };
        }

        /**
         * A link as the code makes them: to a page named after an id or to an anchor on the page.
         * Ids cannot hold a scheme (a letter or digit, then letters, digits, '.', '_' or '-', checked at
         * ingest), so no link is {@code javascript:}; escaping keeps the rest of the text inert.
         */
        private Object link() {
            return switch (r.nextInt(4)) {
                case 0 -> "C1~1.html";
                case 1 -> "C1~part-2.html#ev-" + text.get();
                default -> "#ev-" + text.get();
            };
        }

        private boolean maybe() {
            return r.nextBoolean();
        }

        private <T> List<T> some(int most, Supplier<T> one) {
            List<T> out = new ArrayList<>();
            for (int i = r.nextInt(most + 1); i > 0; i--) {
                out.add(one.get());
            }
            return out;
        }

        Map<String, Object> page() {
            boolean split = r.nextInt(4) == 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flags", some(4, this::flag));
            m.put("summary", summary());
            m.put("flagCount", r.nextInt(9));
            m.put("promptSections", some(3, this::promptSection));
            m.put("split", split);
            m.put("chronology", split ? List.of() : some(6, this::row));
            m.put("parts", split ? some(4, this::partLink) : List.of());
            if (split) {
                m.put("partCount", 1 + r.nextInt(50));
                m.put("countedBy", maybe() ? "quarter" : text.get());
            }
            m.put("eventCount", r.nextInt(3000));
            m.put("eventTotal", value());
            m.put("agencies", some(3, this::option));
            m.put("types", some(3, this::option));
            m.put("timeline", Markup.drawn(new StringBuilder(maybe() ? "" : "<svg class=\"timeline\"></svg>")));
            m.put("scrutinyMarked", maybe());
            List<Map<String, Object>> siblings = some(3, () -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", value());
                s.put("href", maybe() ? null : link());
                return s;
            });
            m.put("siblings", siblings);
            m.put("hasSiblings", !siblings.isEmpty());
            Map<String, Object> d = new LinkedHashMap<>();
            for (String k : List.of("appointments", "missed", "attended", "visits", "seen", "notSeen", "advice", "followed", "made",
                    "kept", "breached", "events", "first", "last", "byAgency")) {
                d.put(k, value());
            }
            m.put("d", d);
            return common(m);
        }

        Map<String, Object> part() {
            Map<String, Object> m = partLink();
            m.put("partCount", 1 + r.nextInt(50));
            m.put("eventTotal", value());
            m.put("chronology", some(6, this::row));
            m.put("childPage", link());
            m.put("previous", maybe() ? null : link());
            m.put("next", maybe() ? null : link());
            m.put("agencies", some(3, this::option));
            m.put("types", some(3, this::option));
            return common(m);
        }

        private Map<String, Object> common(Map<String, Object> m) {
            m.put("caseId", value());
            m.put("subjectId", value());
            m.put("root", "../../");
            return m;
        }

        private Map<String, Object> flag() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : List.of("ruleId", "title", "theme", "pastThreshold", "windowStart", "windowEnd", "threshold", "explanation",
                    "anchor", "flagKey", "review")) {
                m.put(k, value());
            }
            List<Map<String, Object>> trail = some(3, () -> map("date", "reviewer", "outcome", "reason", "status"));
            m.put("trail", trail);
            m.put("reviewed", !trail.isEmpty());
            if (r.nextInt(4) == 0) {
                m.put("working", working());
            }
            m.put("evidence", some(4, this::row));
            m.put("evidenceCount", r.nextInt(600));
            if (r.nextInt(3) == 0) {
                boolean inParts = maybe();
                m.put("more", Map.of("listed", r.nextInt(500), "unlisted", r.nextInt(500), "inParts", inParts,
                        "parts", inParts ? some(3, this::partLink) : List.of()));
            }
            m.put("elsewhere", maybe() ? null : value());
            m.put("promptLinks", some(3, () -> map("id", "title")));
            return m;
        }

        private Map<String, Object> working() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("preDays", value());
            m.put("scrutiny", group());
            m.put("scrutinyCount", r.nextInt(9));
            for (String g : List.of("pre", "baseline")) {
                Map<String, Object> group = group();
                group.put("wentAhead", value());
                group.put("share", value());
                group.put("rule", value());
                group.put("met", maybe());
                m.put(g, group);
            }
            return m;
        }

        private Map<String, Object> group() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", r.nextInt(9));
            m.put("rows", some(3, this::row));
            m.put("unlisted", maybe() ? null : r.nextInt(9));
            return m;
        }

        private Map<String, Object> summary() {
            boolean compared = maybe();
            boolean reviewed = maybe();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", some(4, () -> {
                Map<String, Object> row = map("anchor", "title", "past", "explanation", "windowStart", "windowEnd", "review");
                row.put("evidenceCount", r.nextInt(99));
                if (compared) {
                    row.put("isNew", maybe());
                    row.put("change", value());
                }
                return row;
            }));
            m.put("count", r.nextInt(9));
            m.put("compared", compared ? Map.of("added", r.nextInt(9), "continuing", r.nextInt(9)) : null);
            m.put("notCompared", !compared);
            List<Map<String, Object>> trail = some(3, () -> map("title", "anchor", "line", "reviewer", "date", "outcome", "reason", "status"));
            m.put("reviewed", reviewed ? Map.of("trail", trail, "empty", trail.isEmpty()) : null);
            m.put("notReviewed", !reviewed);
            return m;
        }

        private Map<String, Object> promptSection() {
            Map<String, Object> m = map("id", "title");
            m.put("prompts", some(3, text));
            m.put("raisedBy", some(3, () -> map("anchor", "title", "windowEnd")));
            return m;
        }

        private Map<String, Object> row() {
            Map<String, Object> m = map("rowId", "eventId", "date", "time", "agency", "agencyLabel", "type", "typeLabel", "outcome", "mark");
            m.put("family", maybe());
            m.put("notes", value());
            m.put("evidenceOf", maybe() ? null : value());
            m.put("href", link());
            return m;
        }

        private Map<String, Object> partLink() {
            Map<String, Object> m = map("firstEvent", "lastEvent", "firstDate", "lastDate");
            m.put("href", link());
            m.put("number", 1 + r.nextInt(50));
            m.put("eventCount", r.nextInt(2000));
            return m;
        }

        private Map<String, Object> option() {
            return map("value", "label");
        }

        private Map<String, Object> map(String... keys) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : keys) {
                m.put(k, value());
            }
            return m;
        }
    }
}
