package org.chronolens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chronolens.audit.AttributeSampling;
import org.chronolens.audit.SampleJob;
import org.chronolens.io.RunLayout.Pack;
import org.chronolens.io.UsageException;
import org.chronolens.report.Prompts;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draws a reproducible, stratified audit sample of a completed run's flags and writes the audit "
                + "pack: sample.csv, checklist.csv, a printable page per sampled child, index.html and "
                + "sample-manifest.json (see docs/audit.md).",
                "Give either --size N per stratum, or the attribute-sampling plan (--confidence, --tolerable, "
                        + "--expected)."})
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A completed run (with _SUCCESS).")
    private String run;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "The seed; the same seed draws the same sample.")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the audit pack goes.")
    private String out;

    @Option(names = "--overwrite", description = "Replace the contents of --out.")
    private boolean overwrite;

    @Option(names = "--by", paramLabel = "STRATA", defaultValue = "rule",
            description = "Strata: rule (default), severity (rule and severity) or agency (rule and the agency of the "
                    + "evidence).")
    private String by;

    @Option(names = "--size", paramLabel = "N", description = "A fixed number of flags per stratum.")
    private Integer size;

    @ArgGroup(exclusive = false)
    private Plan plan;

    static final class Plan {
        @Option(names = "--confidence", required = true, paramLabel = "C", description = "Confidence level, e.g. 0.95.")
        double confidence;

        @Option(names = "--tolerable", required = true, paramLabel = "T",
                description = "Tolerable rate of wrong flags, e.g. 0.09.")
        double tolerable;

        @Option(names = "--expected", required = true, paramLabel = "E",
                description = "Expected rate of wrong flags, e.g. 0.02.")
        double expected;
    }

    @Option(names = "--prompts", paramLabel = "FILE", description = "Reflective prompts for the pages (YAML).")
    private Path prompts;

    @Mixin
    private SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        SampleJob.Options options = options(run, seed, out, overwrite, by, size, plan == null ? null
                : plan(plan.confidence, plan.tolerable, plan.expected), prompts == null ? Prompts.defaults() : Prompts.load(prompts));
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens sample", sparkOptions.conf())) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            report(console, new SampleJob(session.spark(), console).run(options));
            return ExitCode.OK.code();
        }
    }

    static SampleJob.Options options(String run, long seed, String out, boolean overwrite, String by, Integer size,
                                     AttributeSampling plan, Prompts prompts) {
        SampleJob.By strata;
        try {
            strata = SampleJob.By.valueOf(by.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by '" + by + "' is not one of rule, severity, agency");
        }
        return new SampleJob.Options(run, seed, out, overwrite, strata, size, plan, prompts);
    }

    static AttributeSampling plan(double confidence, double tolerable, double expected) {
        try {
            return new AttributeSampling(confidence, tolerable, expected);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the sampling plan cannot be used: " + e.getMessage());
        }
    }

    static void report(Console console, SampleJob.Result r) {
        console.say(String.format(java.util.Locale.ROOT, "%-44s %10s %8s %8s", "stratum", "population", "planned", "sampled"));
        for (SampleJob.Stratum s : r.strata()) {
            console.say(String.format(java.util.Locale.ROOT, "%-44s %10d %8d %8d%s", s.name(), s.population(), s.planned(),
                    s.sampled(), !s.takenWhole() ? "" : s.planned() > s.population() ? "  (taken whole: smaller than planned)"
                            : "  (taken whole)"));
        }
        console.say("Sampled " + r.sampled() + " flags; " + r.pages() + " pages. Audit pack: " + r.out());
        console.say("  " + r.out() + "/" + Pack.CHECKLIST_CSV.file() + "   for the auditors' verdicts");
        console.say("  " + r.out() + "/" + Pack.INDEX.file() + "      the sample, with links to each child's page");
    }
}
