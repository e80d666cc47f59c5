package org.chronolens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chronolens.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The exit codes are declared once, in {@link ExitCode}: --help lists them from there, docs/cli.md's
 * table says what each means, docs/operations.md's what to do about each, and any other mention of
 * a code in the docs must name one of them.
 */
class ExitCodeDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (.+)$");
    /** "exit 4", "exits 0", "exit code 2", "exits with code 3", "refuses the run (code 3)". */
    private static final Pattern MENTION = Pattern.compile(
            "(?i)\\b(?:exit(?:s|ed)?(?: with)?(?: code| status)?|\\(code) (\\d+)\\b");

    /** The codes of the exit-code table of a doc, in its order. */
    private static List<Integer> documented(String doc) throws IOException {
        String text = Files.readString(Path.of(doc));
        int start = text.indexOf("\n## Exit codes\n");
        assertTrue(start >= 0, doc + " has an 'Exit codes' section");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end).lines()
                .map(ROW::matcher).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static List<Integer> declared() {
        return Arrays.stream(ExitCode.values()).map(ExitCode::code).toList();
    }

    @Test
    void docsCliMdListsEveryDeclaredExitCodeAndNoOther() throws IOException {
        assertEquals(declared(), documented("docs/cli.md"),
                "docs/cli.md's exit-code table and ExitCode must list the same codes, in order: add the doc line "
                        + "with the code");
    }

    @Test
    void docsOperationsMdSaysWhatToDoAboutEveryDeclaredExitCodeAndNoOther() throws IOException {
        assertEquals(declared(), documented("docs/operations.md"),
                "docs/operations.md's what-to-do table and ExitCode must list the same codes, in order");
    }

    @Test
    void everyExitCodeTheDocsMentionIsDeclared() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> undeclared = new ArrayList<>();
        int mentions = 0;
        for (Path doc : docs) {
            // Line breaks inside a sentence are spaces, so "exit\ncode 2" is caught too.
            Matcher m = MENTION.matcher(Files.readString(doc).replaceAll("\\s+", " "));
            while (m.find()) {
                mentions++;
                if (!declared().contains(Integer.parseInt(m.group(1)))) {
                    undeclared.add(doc + ": '" + m.group() + "'");
                }
            }
        }
        assertTrue(mentions > 20, "the pattern still finds the docs' mentions of exit codes: " + mentions);
        assertEquals(List.of(), undeclared, "exit codes the docs mention that ExitCode does not declare");
    }

    @Test
    void helpListsEveryDeclaredExitCodeWithItsSummary() {
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.contains(c.code() + " " + c.summary().replaceAll("\\s+", " ")), c + " in --help:\n" + help);
        }
    }
}
