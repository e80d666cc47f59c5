package org.chronolens.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.chronolens.Cli;
import org.chronolens.TestFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every file a person writes for the job (job definition, mapping, thresholds, prompts, discovery
 * settings, acknowledgements), broken in each way a file breaks, is a usage error (exit 2) that
 * names the file and the line, with no stack trace, before anything runs.
 */
class ConfigFilesTest {

    @TempDir
    Path dir;

    /** How each kind of file is given to the command line, with the rest of a valid command. */
    private Function<Path, String[]> command(String kind) {
        String out = dir.resolve("out").toString();
        List<String> scan = List.of("scan", "--input", "sample-data/chronology", "--as-of", "2026-10-31", "--out", out);
        return file -> {
            List<String> args = new ArrayList<>(scan);
            switch (kind) {
                case "job" -> {
                    return new String[] {"job", file.toString()};
                }
                case "mapping" -> args.addAll(List.of("--mapping", file.toString()));
                case "thresholds" -> args.addAll(List.of("--config", file.toString()));
                case "prompts" -> args.addAll(List.of("--prompts", file.toString()));
                case "discovery" -> args.addAll(List.of("--discovery-config", file.toString()));
                case "acknowledgements" -> args.addAll(List.of("--acknowledgements", file.toString()));
                case "cohorts" -> args.addAll(List.of("--cohorts", file.toString()));
                default -> throw new IllegalArgumentException(kind);
            }
            return args.toArray(String[]::new);
        };
    }

    /** A file of the kind whose third line is broken as {@code how} says. */
    private Path broken(String kind, String how) {
        String first = switch (kind) {
            case "job" -> "command: scan\ninputs: [sample-data/chronology]\n";
            case "mapping" -> "description: a mapping\ncolumns:\n";
            case "thresholds", "discovery" -> "# settings\n" + (kind.equals("thresholds") ? "rules:\n" : "discovery:\n");
            case "prompts" -> "# prompts\nthemes:\n";
            default -> "flag_key,evidence_event_ids,reviewer,date,outcome,reason\n"
                    + "missed-appointments|C1|C1-C1,E1,rev-07,2026-10-01,action-taken,Seen\n";
        };
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(first.getBytes(StandardCharsets.UTF_8));
        switch (how) {
            case "invalid-utf8" -> b.writeBytes(new byte[] {'x', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            case "nul" -> b.writeBytes("  x: a\0b\n".getBytes(StandardCharsets.UTF_8));
            case "aliases" -> b.writeBytes(("  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a]\n"
                    + "  c: [*b, *b, *b, *b, *b, *b, *b]\n").getBytes(StandardCharsets.UTF_8));
            case "unknown-key" -> b.writeBytes("  no_such_key: 1\n".getBytes(StandardCharsets.UTF_8));
            case "not-yaml" -> b.writeBytes("  - [unclosed\n".getBytes(StandardCharsets.UTF_8));
            case "huge" -> {
                byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < (kind.equals("acknowledgements") ? 65 << 10 : 1025); i++) {
                    b.writeBytes(line);
                }
            }
            default -> throw new IllegalArgumentException(how);
        }
        byte[] bytes = b.toByteArray();
        if (kind.equals("job")) {
            // A job's keys are at the top level: the broken lines are not indented.
            bytes = new String(bytes, StandardCharsets.ISO_8859_1).replace("\n  ", "\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        return TestFiles.bytes(dir, kind + "-" + how + (kind.equals("acknowledgements") ? ".csv" : ".yaml"), bytes);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "job              | invalid-utf8 | line 3: not UTF-8 text",
            "job              | nul          | line 3: holds a control character (code 0)",
            "job              | aliases      | line 4: YAML aliases (*name) are not allowed",
            "job              | unknown-key  | line 3: unknown key 'no_such_key'",
            "job              | not-yaml     | not valid YAML",
            "job              | huge         | bytes, more than the 1048576 bytes",
            "mapping          | invalid-utf8 | line 3: not UTF-8 text",
            "mapping          | nul          | line 3: holds a control character (code 0)",
            "mapping          | aliases      | line 4: YAML aliases",
            "mapping          | unknown-key  | line 3 (columns): unknown key 'no_such_key'",
            "mapping          | huge         | bytes, more than the 1048576 bytes",
            "thresholds       | invalid-utf8 | line 3: not UTF-8 text",
            "thresholds       | nul          | line 3: holds a control character",
            "thresholds       | aliases      | line 4: YAML aliases",
            "thresholds       | unknown-key  | unknown key 'no_such_key'",
            "prompts          | invalid-utf8 | line 3: not UTF-8 text",
            "prompts          | aliases      | line 4: YAML aliases",
            "prompts          | unknown-key  | unknown key 'no_such_key'",
            "discovery        | nul          | line 3: holds a control character",
            "discovery        | unknown-key  | unknown key 'no_such_key'",
            "acknowledgements | invalid-utf8 | line 3: not UTF-8 text",
            "acknowledgements | nul          | line 3: holds a control character (code 0)",
            "acknowledgements | unknown-key  | line 3:",
            "acknowledgements | huge         | bytes, more than the 67108864 bytes"})
    void aBrokenFileIsAUsageErrorNamingTheFileAndTheLine(String kind, String how, String expected) {
        Path file = broken(kind, how);
        Cli.Outcome o = Cli.run(command(kind).apply(file));
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains(file.getFileName().toString()), "names the file: " + o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("internal error"), "no stack trace: " + o.err());
        assertFalse(dir.resolve("out").toFile().exists(), "nothing was written");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"job", "mapping", "thresholds", "prompts", "discovery",
            "acknowledgements", "cohorts"})
    void aFolderWhereAFileIsMeantIsAUsageErrorSayingSo(String kind) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(kind + "-folder"));
        Cli.Outcome o = Cli.run(command(kind).apply(folder));
        // Was a defect: "file not found" for a folder that is there; Spark read a cohorts folder's
        // every file and ended with an internal error.
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains(folder.toString()) && o.err().contains("is a folder, not a file"), o.err());
        assertFalse(o.err().contains("\tat ") || o.err().contains("internal error"), "no stack trace: " + o.err());
        assertFalse(dir.resolve("out").toFile().exists(), "nothing was written");
    }
}
