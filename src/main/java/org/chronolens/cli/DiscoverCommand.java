package org.chronolens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chronolens.discover.DiscoverJob;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.report.PageNames;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Pattern discovery over a completed run, with Spark MLlib: sequences that precede flags "
                + "(PrefixSpan), flags that travel together (FPGrowth) and engagement profiles (k-means). Descriptive, "
                + "for learning; never a score of a family (see docs/discovery.md).",
                "Writes RUN/discovery/ and the report's Patterns page, RUN/report/patterns.html."})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A completed scan (with _SUCCESS).")
    private String run;

    @Option(names = "--config", paramLabel = "FILE", description = "Discovery settings (YAML, a 'discovery:' mapping); "
            + "every key defaults as in docs/discovery.md.")
    private Path config;

    @Option(names = "--cohorts", paramLabel = "FILE", description = "Cohort attributes of the children (CSV, as for "
            + "scan): with an age_band column, flagged children are compared with the others within age bands too.")
    private String cohorts;

    @Mixin
    private SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        DiscoveryParams params = config == null ? DiscoveryParams.DEFAULTS : DiscoveryParams.load(config);
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens discover", sparkOptions.conf())) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            org.apache.hadoop.conf.Configuration hadoop = session.spark().sparkContext().hadoopConfiguration();
            try (org.chronolens.io.RunLock lock = org.chronolens.io.RunLock.onRun(run, hadoop)) {
                summarise(console, new DiscoverJob(session.spark(), console).run(run, params, cohorts));
            }
            return ExitCode.OK.code();
        }
    }

    static void summarise(Console console, DiscoverJob.Result r) {
        r.summary().forEach(console::say);
    }
}
