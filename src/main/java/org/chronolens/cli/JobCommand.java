package org.chronolens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.chronolens.review.Acknowledgements;
import org.chronolens.audit.SampleJob;
import org.chronolens.config.YamlNode;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.RunLayout;
import org.chronolens.monitor.Monitoring;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.spark.Sessions;
import org.chronolens.check.PiiPolicy;
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

    private static final Set<String> KEYS = Set.of("description", "command", "inputs", "output_root", "as_of", "mapping",
            "config", "prompts", "acknowledgements", "pii_policy", "numeric_pseudonyms", "quarantine_ceiling", "spark", "discover",
            "monitoring", "cohorts", "cohort_min_children");
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
        Map<String, YamlNode> job = definition.entries(KEYS);
        if (!command.equals("scan")) {
            throw job.get("command").error("command '" + command + "' is not a job this version runs; use scan or sample");
        }
        LocalDate date = asOf != null ? asOf : date(job);
        String root = required(job, "output_root");
        List<String> inputs = new ArrayList<>();
        for (YamlNode n : required(job, "inputs", true).items()) {
            inputs.add(n.scalar());
        }
        ColumnMapping mapping = job.containsKey("mapping") ? ColumnMapping.load(Path.of(job.get("mapping").scalar()))
                : ColumnMapping.identity();
        RuleSet rules = Catalogue.standard().build(job.containsKey("config")
                ? RuleConfig.load(Path.of(job.get("config").scalar())) : RuleConfig.defaults());
        Prompts prompts = job.containsKey("prompts") ? Prompts.load(Path.of(job.get("prompts").scalar())) : Prompts.defaults();
        PiiPolicy policy;
        try {
            policy = PiiPolicy.parse(text(job, "pii_policy", "redact"));
        } catch (IllegalArgumentException e) {
            throw job.get("pii_policy").error(e.getMessage());
        }
        double ceiling = ceiling(job);
        DiscoveryParams discovery = discovery(job);
        Map<String, String> spark = sparkSettings(job);
        // Beside the runs, perhaps on HDFS: read with the job's spark.hadoop.* settings.
        Acknowledgements acks = job.containsKey("acknowledgements")
                ? Acknowledgements.load(job.get("acknowledgements").scalar(), HadoopConf.of(spark)) : Acknowledgements.none();
        String out = root + "/runs/as_of=" + date;
        // A job keeps its history beside its runs unless it says otherwise: anomalies need earlier runs.
        Monitoring monitoring = Monitoring.off().withHistory(root + "/metrics");
        if (job.containsKey("monitoring")) {
            monitoring = monitoring.with(job.get("monitoring"));
        }
        ValidateJob.Options options = new ValidateJob.Options(inputs, date, out, true, mapping, policy, ceiling)
                .withNumericPseudonyms(flag(job, "numeric_pseudonyms")).withMonitoring(monitoring)
                .alsoReading(file(job, "config"), file(job, "prompts"), file(job, "acknowledgements"), file(job, "cohorts"));
        int minChildren;
        try {
            minChildren = Integer.parseInt(text(job, "cohort_min_children", "10").strip());
        } catch (NumberFormatException e) {
            throw job.get("cohort_min_children").error("cohort_min_children must be a whole number, e.g. 10");
        }
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens job " + file.getFileName(), spark)) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            String previous = previousRun(session.spark(), root, date);
            ScanJob.Result result = new ScanJob(session.spark(), console).run(ScanRequest.of(options, rules)
                    .withReport(prompts).comparedWith(previous).withAcknowledgements(acks).withDiscovery(discovery)
                    .withCohorts(file(job, "cohorts"), minChildren));
            result.validation().quality().warnings().forEach(console::warn);
            ValidateCommand.anomalies(console, result.monitored());
            ValidateCommand.summarise(console, result.validation());
            int code = ValidateCommand.exitCode(console, result.validation());
            console.say(previous == null ? "First run under " + root + ": every flag is new."
                    : "Compared with " + previous + ": see changes.csv.");
            if (code == ExitCode.OK.code() && result.discovery() != null) {
                DiscoverCommand.summarise(console, result.discovery());
            }
            ValidateCommand.outputs(console, result.validation());
            if (result.report() != null) {
                console.say("Report: " + result.report());
            }
            return code;
        }
    }

    /**
     * A monthly audit: a sample of the latest successful run (on or before the as-of date) under
     * {@code runs_root}, into {@code <output_root>/samples/as_of=<that run's date>/}.
     */
    private int sample(Console console, Map<String, YamlNode> job) {
        LocalDate date = asOf != null ? asOf : date(job);
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
        Prompts prompts = job.containsKey("prompts") ? Prompts.load(Path.of(job.get("prompts").scalar())) : Prompts.defaults();
        Map<String, String> spark = sparkSettings(job);
        try (Sessions.Handle session = Sessions.open("chronolens job " + file.getFileName(), spark)) {
            String run = previousRun(session.spark(), runsRoot, date.plusDays(1));
            if (run == null) {
                throw new org.chronolens.io.UsageException("no successful run on or before " + date + " under "
                        + runsRoot + "/runs; run the weekly scan first");
            }
            String out = root + "/samples/" + new org.apache.hadoop.fs.Path(run).getName();
            SampleJob.Options options = SampleCommand.options(run, seed, out, true, text(job, "by", "rule"), size, plan,
                    prompts);
            console.say("Sampling " + run + " (latest successful run on or before " + date + ")");
            SampleCommand.report(console, new SampleJob(session.spark(), console).run(options));
            return ExitCode.OK.code();
        }
    }

    /** The job's {@code spark:} settings, as --conf takes them. */
    private static Map<String, String> sparkSettings(Map<String, YamlNode> job) {
        Map<String, String> spark = new LinkedHashMap<>();
        if (job.containsKey("spark")) {
            for (Map.Entry<String, YamlNode> e : job.get("spark").entries(Set.of()).entrySet()) {
                if (!e.getKey().startsWith("spark.")) {
                    throw e.getValue().error("'" + e.getKey() + "' is not a Spark setting; settings under spark: "
                            + "start with 'spark.' (e.g. spark.sql.shuffle.partitions)");
                }
                spark.put(e.getKey(), e.getValue().scalar());
            }
        }
        return spark;
    }

    /** {@code discover: true} (defaults), {@code discover: FILE} (settings) or absent/false (none). */
    private static DiscoveryParams discovery(Map<String, YamlNode> job) {
        if (!job.containsKey("discover")) {
            return null;
        }
        String v = job.get("discover").scalar().strip();
        return v.equals("true") ? DiscoveryParams.DEFAULTS : v.equals("false") ? null : DiscoveryParams.load(Path.of(v));
    }

    private static String file(Map<String, YamlNode> job, String key) {
        return job.containsKey(key) ? job.get(key).scalar().strip() : null;
    }

    private static boolean flag(Map<String, YamlNode> job, String key) {
        String v = text(job, key, "false");
        if (!v.equals("true") && !v.equals("false")) {
            throw job.get(key).error(key + " '" + v + "' is not true or false");
        }
        return v.equals("true");
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

    private static LocalDate date(Map<String, YamlNode> job) {
        String v = text(job, "as_of", "today");
        if (v.equals("today")) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw job.get("as_of").error("as_of '" + v + "' is not a date (yyyy-MM-dd) or 'today'");
        }
    }

    private static double ceiling(Map<String, YamlNode> job) {
        String v = text(job, "quarantine_ceiling", "0.05");
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw job.get("quarantine_ceiling").error("quarantine_ceiling '" + v + "' is not a share from 0 to 1, e.g. 0.05");
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
