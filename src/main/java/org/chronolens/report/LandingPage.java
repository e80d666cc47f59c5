package org.chronolens.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.chronolens.check.Vocabulary;
import org.chronolens.detect.RuleEntry;

/**
 * The reviewer's first page, "Children to review": the filters and the search are written into
 * the page by its template (escaped there), and the rows, one per flagged child, go to a script
 * file beside it that the page loads with a {@code <script src>} tag and renders with the DOM's
 * text nodes. A page of 20,000 table rows would be tens of megabytes of markup; the rows as
 * compact arrays are a few megabytes, and the script shows them a batch at a time.
 *
 * <p>Each row names its patterns, themes and agencies by their position among the filter's
 * options, so a title or a word is written once, in the page, and the script reads it from there.
 */
final class LandingPage {

    private LandingPage() {
    }

    /** The page's scope: the filters' options, and the counts the page states. */
    static Map<String, Object> scope(List<LandingRow> rows, List<RuleEntry> entries) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("patterns", options(titles(entries)));
        scope.put("themeOptions", options(themes(rows).stream().map(LandingPage::themeWords).toList()));
        scope.put("agencyOptions", options(words(agencies(rows))));
        scope.put("children", String.format(Locale.ROOT, "%,d", rows.size()));
        scope.put("newChildren", String.format(Locale.ROOT, "%,d", rows.stream().filter(LandingRow::isNew).count()));
        scope.put("rowsFile", PageNames.LANDING_ROWS);
        return scope;
    }

    /**
     * The script file: {@code window.chronolensChildren = [...]}, one array per child in the
     * page's order. JSON has no '<' of its own, so writing it as an escape inside the strings
     * keeps the file inert even if it were pasted into a page.
     */
    static String rowsScript(List<LandingRow> rows, List<RuleEntry> entries) {
        List<String> ruleIds = entries.stream().map(RuleEntry::id).toList();
        List<String> themes = themes(rows);
        List<String> agencies = agencies(rows);
        List<Object> out = new ArrayList<>(rows.size());
        for (LandingRow r : rows) {
            String page = PageNames.subjectPage(r.caseId(), r.subjectId());
            List<Object> a = new ArrayList<>(12);
            a.add(r.caseId());
            a.add(r.subjectId());
            a.add(page);
            a.add(r.ruleIds().stream().map(ruleIds::indexOf).filter(i -> i >= 0).sorted().toList());
            a.add(r.themes().stream().map(themes::indexOf).toList());
            a.add(r.agencies().stream().map(agencies::indexOf).toList());
            a.add(r.isNew() ? 1 : 0);
            a.add(r.newAnchor() == null ? "" : page + "#" + r.newAnchor());
            a.add(r.latest().toString());
            a.add(r.review().filter);
            a.add(r.reviewText());
            a.add(r.family() ? 1 : 0);
            out.add(a);
        }
        try {
            return "// The rows of index.html, one per flagged child; see docs/report.md.\nwindow.chronolensChildren = "
                    + new ObjectMapper().writeValueAsString(out).replace("<", "\\u003c") + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> titles(List<RuleEntry> entries) {
        return entries.stream().map(RuleEntry::title).toList();
    }

    private static List<String> themes(List<LandingRow> rows) {
        TreeSet<String> all = new TreeSet<>();
        rows.forEach(r -> all.addAll(r.themes()));
        return List.copyOf(all);
    }

    private static List<String> agencies(List<LandingRow> rows) {
        TreeSet<String> all = new TreeSet<>();
        rows.forEach(r -> all.addAll(r.agencies()));
        return List.copyOf(all);
    }

    /** A theme in its catalogue title ("disguised compliance and non-engagement"), else its words. */
    private static String themeWords(String key) {
        return java.util.Arrays.stream(org.chronolens.detect.Theme.values()).filter(t -> t.key().equals(key))
                .map(org.chronolens.detect.Theme::title).findFirst().orElse(Vocabulary.words(key));
    }

    private static List<String> words(List<String> tokens) {
        return tokens.stream().map(Vocabulary::words).toList();
    }

    /** Options whose value is their position: the rows name them so. */
    private static List<Map<String, Object>> options(List<String> labels) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            out.add(Map.of("value", i, "label", labels.get(i)));
        }
        return out;
    }
}
