package org.chronolens.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chronolens.detect.rules.Catalogue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recall figures are written once, in docs/generator.md's table: every rule of the catalogue
 * has a row there (here, without generating anything), and {@link GroundTruthRecallTest} holds
 * each row to what it measures.
 */
class RecallDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| ([a-z][a-z0-9-]*) \\| (\\d+) \\| (\\d+) \\| (\\d+) % \\|$");

    /** docs/generator.md's recall table: rule id to {planted, found}, by rule id. */
    static Map<String, List<Integer>> documented() throws IOException {
        String doc = Files.readString(Path.of("docs/generator.md"));
        int start = doc.indexOf("\n### What the rules find\n");
        assertTrue(start >= 0, "docs/generator.md has a 'What the rules find' section");
        int end = doc.indexOf("\n#", start + 1);
        Map<String, List<Integer>> rows = new TreeMap<>();
        doc.substring(start, end < 0 ? doc.length() : end).lines().map(ROW::matcher).filter(Matcher::matches)
                .forEach(m -> {
                    int planted = Integer.parseInt(m.group(2));
                    int found = Integer.parseInt(m.group(3));
                    assertEquals(Math.round(100.0 * found / planted), Long.parseLong(m.group(4)),
                            m.group(1) + ": the recall column is found / planted");
                    assertNull(rows.put(m.group(1), List.of(planted, found)), m.group(1) + " has one row");
                });
        return rows;
    }

    @Test
    void everyRuleOfTheCatalogueHasARowAndNoOtherRuleHasOne() throws IOException {
        assertEquals(Catalogue.standard().ids().stream().sorted().toList(), List.copyOf(documented().keySet()),
                "docs/generator.md's recall table and the catalogue must name the same rules: run "
                        + "GroundTruthRecallTest and copy its figures");
    }
}
