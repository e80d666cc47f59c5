package org.chronolens.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.apache.hadoop.conf.Configuration;
import org.chronolens.generate.Generator;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import static org.chronolens.cli.Console.count;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a synthetic chronology of generated families with the patterns planted in them.",
                "Writes into --out: chronology/ (one CSV, or one per agency), ground-truth.csv and cohorts.csv (synthetic "
                        + "attributes for flag rates by cohort)."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--cases", required = true, paramLabel = "N", description = "Number of families.")
    private int cases;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Random seed; the same seed gives the same files (default 1).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create (local).")
    private Path out;

    @Option(names = "--split-by-agency", description = "One extract per agency instead of one file.")
    private boolean split;

    @Option(names = "--end", paramLabel = "yyyy-MM-dd",
            description = "Last date of the generated chronologies (default 2026-10-31, the sample run's as-of date).")
    private LocalDate end = Generator.DEFAULT_END;

    @Option(names = "--overwrite", description = "Replace the contents of --out if it is not empty.")
    private boolean overwrite;

    @Option(names = "--parquet", description = "Write the chronology as Parquet (text columns, as an extract "
            + "system would) instead of CSV; starts a local Spark for the conversion.")
    private boolean parquet;

    @Override
    public Integer call() throws IOException {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        if (cases < 1) {
            throw new UsageException("--cases must be at least 1, got " + cases);
        }
        try (OutputFolder folder = OutputFolder.claim(out.toString(), overwrite, new Configuration())) {
            folder.create();
            long t = System.nanoTime();
            Generator.Summary s = new Generator(new Generator.Settings(cases, seed, end, split))
                    .write(folder.localWorkingRoot());
            if (parquet) {
                toParquet(folder.localWorkingRoot().resolve("chronology"));
            }
            folder.commit("{\"command\": \"generate\", \"cases\": " + cases + ", \"seed\": " + seed + ", \"end\": \"" + end
                    + "\", \"events\": " + s.events() + "}\n", true);
            console.finished("generate", s.events(), "rows", Duration.ofNanos(System.nanoTime() - t));
            console.say("Generated " + count(s.cases()) + " cases, " + count(s.subjects()) + " children, "
                    + count(s.events()) + " events (seed " + seed + ", up to " + end + ")");
            console.say("Outputs in " + out + ":");
            console.say("  " + folder.path("chronology") + "   chronology extract" + (split ? "s, one per agency" : ""));
            console.say("  " + folder.path("ground-truth.csv") + "   planted patterns per child");
            console.say("  " + folder.path("cohorts.csv") + "   synthetic cohort attributes per child (--cohorts)");
            return ExitCode.OK.code();
        }
    }

    /** Rewrites the generated CSV extract(s) as Parquet, every column as text, in the same folder. */
    private static void toParquet(java.nio.file.Path chronology) throws IOException {
        java.nio.file.Path csv = chronology.resolveSibling(".chronology-csv");
        java.nio.file.Files.move(chronology, csv);
        try (org.chronolens.spark.Sessions.Handle session = org.chronolens.spark.Sessions.open("chronolens generate",
                java.util.Map.of())) {
            session.spark().read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                    .csv(csv.toString()).write().parquet(chronology.toString());
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(csv)) {
            for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }
}
