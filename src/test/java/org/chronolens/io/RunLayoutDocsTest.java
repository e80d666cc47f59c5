package org.chronolens.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.chronolens.io.RunLayout.Output;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A run folder's outputs are declared once, in {@link RunLayout}: docs/cli.md's outputs tables (one
 * under validate, one under scan) must name each output the folder holds directly, under the
 * command that first writes it, and no output RunLayout does not declare.
 */
class RunLayoutDocsTest {

    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    /** The names in the first column of the "| file | content |" table of {@code ## command}. */
    private static List<String> documented(String command) throws IOException {
        String cli = Files.readString(Path.of("docs/cli.md"));
        int start = cli.indexOf("\n## " + command + "\n");
        assertTrue(start >= 0, "docs/cli.md has a '" + command + "' section");
        int end = cli.indexOf("\n## ", start + 1);
        List<String> names = new ArrayList<>();
        boolean inTable = false;
        for (String line : cli.substring(start, end < 0 ? cli.length() : end).lines().toList()) {
            if (line.equals("| file | content |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| ") && !line.startsWith("| ---")) {
                Matcher m = NAME.matcher(line.substring(2, line.indexOf(" | ", 1)));
                while (m.find()) {
                    names.add(m.group(1));
                }
            } else if (inTable && !line.startsWith("|")) {
                inTable = false;
            }
        }
        assertFalse(names.isEmpty(), "docs/cli.md's '" + command + "' section has an outputs table");
        return names;
    }

    private static Set<String> declared(String command) {
        return Arrays.stream(Output.values()).filter(o -> o.topLevel() && o.command().equals(command))
                .map(Output::shown).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eachCommandsTableNamesEveryOutputItDeclaresAndNoOther() throws IOException {
        for (String command : List.of("validate", "scan")) {
            List<String> documented = documented(command);
            assertEquals(declared(command), new TreeSet<>(documented), "docs/cli.md's " + command + " outputs table and "
                    + "RunLayout.Output must name the same outputs: add the table's line with the declaration");
            assertEquals(documented.size(), new TreeSet<>(documented).size(), command + " table names an output twice");
        }
    }

    @Test
    void everyTopLevelOutputIsWrittenByADocumentedCommand() {
        for (Output o : Output.values()) {
            if (o.topLevel()) {
                assertTrue(Set.of("validate", "scan").contains(o.command()), o + " is written by " + o.command()
                        + ", whose outputs docs/cli.md has no table for");
            }
        }
    }

    @Test
    void nestedOutputsLieInADeclaredFolder() {
        Set<String> folders = Arrays.stream(Output.values()).filter(o -> o.kind() == RunLayout.Kind.FOLDER)
                .map(Output::file).collect(Collectors.toSet());
        for (Output o : Output.values()) {
            if (!o.topLevel()) {
                assertTrue(folders.contains(o.file().substring(0, o.file().lastIndexOf('/'))), o + " in an undeclared folder");
            }
        }
    }
}
