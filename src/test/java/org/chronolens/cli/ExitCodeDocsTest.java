package org.chronolens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chronolens.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The exit codes are declared once, in {@link ExitCode}: --help lists them from there, and docs/cli.md must too. */
class ExitCodeDocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (.+)$");

    /** The codes of docs/cli.md's exit-code table, in its order. */
    private static List<Integer> documented() throws IOException {
        String cli = Files.readString(Path.of("docs/cli.md"));
        int start = cli.indexOf("\n## Exit codes\n");
        assertTrue(start >= 0, "docs/cli.md has an 'Exit codes' section");
        int end = cli.indexOf("\n## ", start + 1);
        return cli.substring(start, end < 0 ? cli.length() : end).lines()
                .map(ROW::matcher).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).toList();
    }

    @Test
    void docsCliMdListsEveryDeclaredExitCodeAndNoOther() throws IOException {
        assertEquals(Arrays.stream(ExitCode.values()).map(ExitCode::code).toList(), documented(),
                "docs/cli.md's exit-code table and ExitCode must list the same codes, in order: add the doc line "
                        + "with the code");
    }

    @Test
    void helpListsEveryDeclaredExitCodeWithItsSummary() {
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.contains(c.code() + " " + c.summary().replaceAll("\\s+", " ")), c + " in --help:\n" + help);
        }
    }
}
