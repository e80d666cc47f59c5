package org.chronolens.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chronolens.config.ConfigException;
import org.chronolens.config.YamlNode;
import org.chronolens.io.UsageException;
import org.chronolens.run.ScanOption;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scan's options are declared once ({@link ScanOptions}): the command line and a job
 * definition both accept every option they declare, read the same value from the same text,
 * protect the same files, and docs/cli.md's table lists exactly the declared options.
 */
class ScanOptionsTest {

    /**
     * A value each option is tried with, as its text (a list for a list, KEY=VALUE for a map).
     * Adding an option without an example here fails {@link #everyDeclaredOptionHasAnExampleHere}.
     */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("inputs", "sample-data/chronology"), Map.entry("as_of", "2026-10-31"),
            Map.entry("out", "out/x"), Map.entry("overwrite", "true"), Map.entry("mapping", "m.yaml"),
            Map.entry("pii_policy", "quarantine"), Map.entry("numeric_pseudonyms", "true"),
            Map.entry("quarantine_ceiling", "0.1"), Map.entry("history", "metrics"),
            Map.entry("anomaly_policy", "fail"), Map.entry("config", "t.yaml"), Map.entry("prompts", "p.yaml"),
            Map.entry("acknowledgements", "a.csv"), Map.entry("discover", "true"),
            Map.entry("discovery_config", "d.yaml"), Map.entry("cohorts", "c.csv"),
            Map.entry("cohort_min_children", "5"), Map.entry("report", "false"),
            Map.entry("spark", "spark.sql.shuffle.partitions=3"));

    /** The settings a scan command line reads, without running it. */
    private static ScanSettings commandLine(String... options) {
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(List.of(options));
        // The options the command line requires, unless the test gives them.
        for (ScanOption<?> o : ScanOptions.ALL) {
            if (o.isRequired() && !args.contains(o.flag())) {
                args.addAll(List.of(o.flag(), "x"));
            }
        }
        CommandLine cli = new CommandLine(new Main());
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        return DeclaredOptions.read(parsed.subcommand().commandSpec(), ScanOptions.ALL);
    }

    private static List<String> flagAndValue(ScanOption<?> o) {
        String example = EXAMPLES.get(o.key());
        return o.kind() == ScanOption.Kind.SWITCH ? List.of(o.flag()) : List.of(o.flag(), example);
    }

    /** The settings a scan job definition reads. */
    private static ScanSettings job(String yaml) {
        YamlNode definition = YamlNode.load("job.yaml", new StringReader("command: scan\noutput_root: out\n" + yaml));
        return JobFile.settings(definition.entries(JobFile.keys()));
    }

    private static String jobLine(ScanOption<?> o) {
        String example = EXAMPLES.get(o.key());
        String value = switch (o.kind()) {
            case LIST -> "[" + example + "]";
            case MAP -> "\n  " + example.replace("=", ": ");
            case SWITCH, VALUE -> example;
        };
        String[] path = o.jobKey().split("\\.");
        return path.length == 1 ? path[0] + ": " + value + "\n" : path[0] + ":\n  " + path[1] + ": " + value + "\n";
    }

    @Test
    void everyDeclaredOptionHasAnExampleHere() {
        for (ScanOption<?> o : ScanOptions.ALL) {
            assertTrue(EXAMPLES.containsKey(o.key()), "give " + o.key() + " an example in ScanOptionsTest.EXAMPLES");
        }
    }

    @Test
    void theCommandLineAcceptsEveryDeclaredOptionAndReadsItsValue() {
        for (ScanOption<?> o : ScanOptions.ALL) {
            ScanSettings s = commandLine(flagAndValue(o).toArray(String[]::new));
            assertTrue(s.has(o), o.flag() + " was read");
            assertNotEquals(o.defaultValue(), s.get(o), o.flag() + " " + EXAMPLES.get(o.key()) + " changes the value");
        }
    }

    @Test
    void aJobDefinitionAcceptsEveryOptionWithAJobKeyAndReadsTheSameValueAsTheCommandLine() {
        for (ScanOption<?> o : ScanOptions.ALL) {
            if (o.jobKey() == null) {
                assertNotNull(o.jobNote(), o.flag() + " says what a job does instead");
                continue;
            }
            ScanSettings fromJob = job(jobLine(o));
            assertTrue(fromJob.has(o), o.jobKey() + " was read from the job");
            assertEquals(commandLine(flagAndValue(o).toArray(String[]::new)).get(o), fromJob.get(o),
                    o.jobKey() + " reads as " + o.flag() + " does");
        }
    }

    @Test
    void bothFrontEndsProtectTheSameFilesEveryFileOptionNames() {
        List<String> args = new ArrayList<>();
        StringBuilder yaml = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (ScanOption<?> o : ScanOptions.ALL) {
            if (o.readsFile()) {
                args.addAll(flagAndValue(o));
                yaml.append(jobLine(o));
                expected.add(EXAMPLES.get(o.key()));
            }
        }
        assertEquals(expected, commandLine(args.toArray(String[]::new)).reads());
        assertEquals(expected, job(yaml.toString()).reads());
        assertTrue(expected.containsAll(List.of("d.yaml", "metrics", "m.yaml")),
                "the discovery settings, the history and the mapping are among them: " + expected);
    }

    @Test
    void aBadValueNamesTheFlagOnTheCommandLineAndTheLineInAJob() {
        UsageException flag = assertThrows(UsageException.class, () -> commandLine("--quarantine-ceiling", "5"));
        assertEquals("--quarantine-ceiling: '5' is not a share: give a number from 0 to 1, e.g. 0.05 for 5 %",
                flag.getMessage());
        ConfigException line = assertThrows(ConfigException.class, () -> job("quarantine_ceiling: 5\n"));
        assertEquals("job.yaml line 3 (quarantine_ceiling): '5' is not a share: give a number from 0 to 1, e.g. 0.05 "
                + "for 5 %", line.getMessage());
        ConfigException spark = assertThrows(ConfigException.class,
                () -> job("spark:\n  spark.a: 1\n  shuffle.partitions: 2\n"));
        assertTrue(spark.getMessage().startsWith("job.yaml line 5 (spark.shuffle.partitions): 'shuffle.partitions' is "
                + "not a Spark setting"), spark.getMessage());
    }

    @Test
    void anOlderJobsDiscoverFileStillNamesTheDiscoverySettings() {
        ScanSettings s = job("discover: d.yaml\n");
        assertEquals("d.yaml", s.get(ScanOptions.DISCOVERY_CONFIG));
        assertEquals(List.of("d.yaml"), s.reads());
    }

    @Test
    void theJobDefinitionOfDocsOperationsMdAndTheShippedJobReadAsScanSettings() throws IOException {
        String ops = Files.readString(Path.of("docs/operations.md"));
        int start = ops.indexOf("```yaml\n", ops.indexOf("## Job definitions")) + "```yaml\n".length();
        String example = ops.substring(start, ops.indexOf("```", start));
        YamlNode documented = YamlNode.load("operations.md", new StringReader(example));
        ScanSettings s = JobFile.settings(documented.entries(JobFile.keys()));
        assertTrue(s.has(ScanOptions.COHORT_MIN_CHILDREN) && s.has(ScanOptions.HISTORY) && s.has(ScanOptions.SPARK), 
                "the example gives its options: " + example);
        ScanSettings weekly = JobFile.settings(YamlNode.load(Path.of("jobs/weekly-scan.yaml")).entries(JobFile.keys()));
        assertEquals(List.of("sample-data/chronology"), weekly.get(ScanOptions.INPUTS));
        assertTrue(weekly.get(ScanOptions.DISCOVER));
        assertTrue(weekly.has(ScanOptions.ACKNOWLEDGEMENTS), "the weekly job reads the reviewers' acknowledgements");
    }

    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)[^`]*` \\| (.+?) \\| (.+?) \\| (yes|no) \\| .+ \\|$");

    @Test
    void docsCliMdTablesEveryDeclaredOptionWithItsJobKeyDefaultAndCommandsAndNoOther() throws IOException {
        String cli = Files.readString(Path.of("docs/cli.md"));
        int start = cli.indexOf("\n## scan\n");
        String section = cli.substring(start, cli.indexOf("\n## ", start + 1));
        Map<String, Matcher> rows = new LinkedHashMap<>();
        section.lines().map(ROW::matcher).filter(Matcher::matches).forEach(m -> rows.put(m.group(1), m));
        assertEquals(ScanOptions.ALL.stream().map(ScanOption::flag).toList(), List.copyOf(rows.keySet()),
                "docs/cli.md's scan options table lists the declared options, in their order: add the doc line");
        for (ScanOption<?> o : ScanOptions.ALL) {
            Matcher m = rows.get(o.flag());
            String jobCell = m.group(2);
            assertTrue(o.jobKey() == null ? jobCell.startsWith("— (") : jobCell.startsWith("`" + o.jobKey() + "`"),
                    o.flag() + "'s job key in docs/cli.md: " + jobCell);
            String defaultCell = m.group(3);
            assertTrue(o.isRequired() ? defaultCell.equals("required")
                            : o.defaultText() == null ? defaultCell.startsWith("none")
                            : defaultCell.startsWith("`" + o.defaultText() + "`"),
                    o.flag() + "'s default in docs/cli.md: " + defaultCell);
            assertEquals(o.forValidation() ? "yes" : "no", m.group(4), o.flag() + ": does validate take it?");
        }
    }
}
