package org.chronolens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.chronolens.audit.SampleJob;
import org.chronolens.config.YamlNode;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.RunLayout;
import org.chronolens.monitor.Monitoring;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ScanSettings;
import org.chronolens.run.ValidateJob;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a scheduled job definition (jobs/*.yaml): a scan into {@code <output_root>/runs/as_of=<date>/},
 * compared with the latest earlier successful run. {@code jobs/run --job FILE} is this command.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Runs a job definition: a scan into <output_root>/runs/as_of=<date>/, with what changed "
                + "since the previous successful run."})
final class JobCommand implements Callable<Integer> {

    private static final Set<String> SAMPLE_KEYS = Set.of("description", "command", "runs_root", "output_root", "as_of",
            "seed", "size", "plan", "by", "prompts", "spark");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The job definition (YAML).")
    private Path file;

    @Option(names = "--as-of", paramLabel = "yyyy-MM-dd", description = "Back-fill: run as of this date instead.")
    private LocalDate asOf;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        YamlNode definition = YamlNode.load(file);
        String command = definition.entries(Set.of()).containsKey("command")
                ? definition.entries(Set.of()).get("command").scalar().strip() : "scan";
        if (command.equals("sample")) {
            return sample(console, definition.entries(SAMPLE_KEYS));
        }
        Map<String, YamlNode> job = definition.entries(JobFile.keys());
        if (!command.equals("scan")) {
            throw job.get("command").error("command '" + command + "' is not a job this version runs; use scan or sample");
        }
        String root = required(job, "output_root");
        ScanSettings settings = JobFile.settings(job);
        LocalDate date = asOf != null ? asOf : settings.get(ScanOptions.AS_OF);
        // A job keeps its history beside its runs unless it says otherwise: anomalies need earlier runs.
        settings = settings.with(ScanOptions.AS_OF, date.toString())
                .with(ScanOptions.OUT, RunLayout.jobRun(root, date)).with(ScanOptions.OVERWRITE, true);
        if (!settings.has(ScanOptions.HISTORY)) {
            settings = settings.with(ScanOptions.HISTORY, root + "/metrics");
        }
        if (!settings.has(ScanOptions.INPUTS)) {
            required(job, "inputs");
        }
        ValidateJob.Options options = settings.validation();
        if (job.containsKey("monitoring")) {
            // The anomaly checks' own settings, which the command line leaves at their defaults.
            options = options.withMonitoring(options.monitoring().with(job.get("monitoring")));
        }
        ScanRequest request = settings.request(options, console::warn);
        Map<String, String> spark = settings.get(ScanOptions.SPARK);
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens job " + file.getFileName(), spark)) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            String previous = previousRun(session.spark(), root, date);
            ScanJob.Result result = new ScanJob(session.spark(), console).run(request.comparedWith(previous));
            if (previous == null) {
                console.say("First run under " + root + ": every flag is new.");
            }
            // The same summary as scan's; the comparison's counts are the changes stage's own line.
            return ScanCommand.summarise(console, result, request.rules());
        }
    }

    /**
     * A monthly audit: a sample of the latest successful run (on or before the as-of date) under
     * {@code runs_root}, into {@code <output_root>/samples/as_of=<that run's date>/}.
     */
    private int sample(Console console, Map<String, YamlNode> job) {
        // The keys a sample job shares with a scan (as_of, prompts, spark) read as the scan's do.
        ScanSettings shared = JobFile.settings(job);
        LocalDate date = asOf != null ? asOf : shared.get(ScanOptions.AS_OF);
        String runsRoot = required(job, "runs_root");
        String root = required(job, "output_root");
        long seed;
        try {
            seed = Long.parseLong(required(job, "seed").strip());
        } catch (NumberFormatException e) {
            throw job.get("seed").error("seed '" + job.get("seed").scalar() + "' is not a whole number");
        }
        Integer size = null;
        if (job.containsKey("size")) {
            try {
                size = Integer.parseInt(job.get("size").scalar().strip());
            } catch (NumberFormatException e) {
                throw job.get("size").error("size '" + job.get("size").scalar() + "' is not a whole number of flags per stratum");
            }
        }
        org.chronolens.audit.AttributeSampling plan = null;
        if (job.containsKey("plan")) {
            Map<String, YamlNode> p = job.get("plan").entries(Set.of("confidence", "tolerable", "expected"));
            try {
                plan = new org.chronolens.audit.AttributeSampling(share(p, "confidence", job.get("plan")),
                        share(p, "tolerable", job.get("plan")), share(p, "expected", job.get("plan")));
            } catch (IllegalArgumentException e) {
                throw job.get("plan").error(e.getMessage());
            }
        }
        Prompts prompts = shared.has(ScanOptions.PROMPTS) ? Prompts.load(Path.of(shared.get(ScanOptions.PROMPTS)))
                : Prompts.defaults();
        try (Sessions.Handle session = Sessions.open("chronolens job " + file.getFileName(),
                shared.get(ScanOptions.SPARK))) {
            String run = previousRun(session.spark(), runsRoot, date.plusDays(1));
            if (run == null) {
                throw new org.chronolens.io.UsageException("no successful run on or before " + date + " under "
                        + runsRoot + "/runs; run the weekly scan first");
            }
            String out = root + "/" + RunLayout.JOB_SAMPLES + "/" + new org.apache.hadoop.fs.Path(run).getName();
            SampleJob.Options options = SampleCommand.options(run, seed, out, true, text(job, "by", "rule"), size, plan,
                    prompts);
            console.say("Sampling " + run + " (latest successful run on or before " + date + ")");
            SampleCommand.report(console, new SampleJob(session.spark(), console).run(options));
            return ExitCode.OK.code();
        }
    }

    private static double share(Map<String, YamlNode> p, String key, YamlNode parent) {
        YamlNode n = p.get(key);
        if (n == null) {
            throw parent.error("plan needs '" + key + "'");
        }
        try {
            return Double.parseDouble(n.scalar().strip());
        } catch (NumberFormatException e) {
            throw n.error(key + " '" + n.scalar() + "' is not a number, e.g. 0.95");
        }
    }

    /** The latest run folder before {@code date} that has _SUCCESS, or null. */
    static String previousRun(SparkSession spark, String root, LocalDate date) {
        org.apache.hadoop.fs.Path runs = new org.apache.hadoop.fs.Path(root, RunLayout.JOB_RUNS);
        try {
            FileSystem fs = runs.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(runs)) {
                return null;
            }
            LocalDate best = null;
            String bestPath = null;
            for (FileStatus s : fs.listStatus(runs)) {
                String name = s.getPath().getName();
                if (!s.isDirectory() || !name.startsWith(RunLayout.JOB_RUN_PREFIX)
                        || !fs.exists(RunLayout.path(s.getPath(), RunLayout.Output.SUCCESS))) {
                    continue;
                }
                try {
                    LocalDate d = LocalDate.parse(name.substring(RunLayout.JOB_RUN_PREFIX.length()));
                    if (d.isBefore(date) && (best == null || d.isAfter(best))) {
                        best = d;
                        bestPath = "file".equals(s.getPath().toUri().getScheme())
                                ? s.getPath().toUri().getPath() : s.getPath().toString();
                    }
                } catch (DateTimeParseException ignored) {
                    // not a run folder of ours
                }
            }
            return bestPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Map<String, YamlNode> job, String key, String def) {
        return job.containsKey(key) ? job.get(key).scalar().strip() : def;
    }

    private String required(Map<String, YamlNode> job, String key) {
        return required(job, key, false).scalar();
    }

    private YamlNode required(Map<String, YamlNode> job, String key, boolean list) {
        YamlNode n = job.get(key);
        if (n == null) {
            throw new org.chronolens.config.ConfigException(file + ": the job needs '" + key + "'");
        }
        return n;
    }
}
