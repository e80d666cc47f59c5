package org.chronolens.run;

import org.chronolens.util.Columns;
import org.chronolens.monitor.Monitored;
import org.chronolens.monitor.Monitoring;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.ingest.InputFile;
import org.chronolens.ingest.InputInspector;
import org.chronolens.ingest.InputResolver;
import org.chronolens.ingest.Ingest;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.Placement;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.quality.Classify;
import org.chronolens.check.ContractColumn;
import org.chronolens.quality.DataQuality;
import org.chronolens.check.EventCheck;
import org.chronolens.check.PiiPolicy;

import static org.apache.spark.sql.functions.*;
import static org.chronolens.ingest.CheckedRows.*;

/**
 * Ingest and validation as one job: resolve and inspect the inputs (refusing before anything is
 * written), read and check every row, classify duplicates, references and the as-of cut, then write
 * the quarantine and the data-quality report and, unless the run fails its quality gate, the
 * accepted events.
 */
public final class ValidateJob {

    /**
     * Everything the job needs to know; validated by the CLI. {@code numericPseudonyms}: the
     * partnership's ids are plain numbers, so digit-only ids are not refused as NHS or phone
     * numbers. {@code configFiles}: the other files the run reads (mapping, thresholds, prompts,
     * acknowledgements), which its output may not replace either.
     */
    public record Options(List<String> inputs, LocalDate asOf, String out, boolean overwrite,
                          ColumnMapping mapping, PiiPolicy piiPolicy, double quarantineCeiling,
                          boolean numericPseudonyms, List<String> configFiles, Monitoring monitoring) {
        public Options(List<String> inputs, LocalDate asOf, String out, boolean overwrite,
                       ColumnMapping mapping, PiiPolicy piiPolicy, double quarantineCeiling) {
            this(inputs, asOf, out, overwrite, mapping, piiPolicy, quarantineCeiling, false, List.of(), Monitoring.off());
        }

        public Options withNumericPseudonyms(boolean declared) {
            return new Options(inputs, asOf, out, overwrite, mapping, piiPolicy, quarantineCeiling, declared, configFiles,
                    monitoring);
        }

        /** Keeps the run's metrics in a history and checks them against it. */
        public Options withMonitoring(Monitoring m) {
            return new Options(inputs, asOf, out, overwrite, mapping, piiPolicy, quarantineCeiling, numericPseudonyms,
                    configFiles, m);
        }

        /** Adds files the run reads besides the chronologies (null entries are ignored). */
        public Options alsoReading(String... files) {
            List<String> all = new java.util.ArrayList<>(configFiles);
            java.util.Arrays.stream(files).filter(java.util.Objects::nonNull).forEach(all::add);
            return new Options(inputs, asOf, out, overwrite, mapping, piiPolicy, quarantineCeiling, numericPseudonyms,
                    List.copyOf(all), monitoring);
        }
    }

    /** How the run ended. Only {@code OK} wrote accepted events. */
    public enum Verdict { OK, CEILING_EXCEEDED, PII_REFUSED, ANOMALY }

    /**
     * What the run found. {@code events} are the accepted events for the stages that follow (the
     * scan), read back from the run's {@code events/} when they were written; {@link #release()}
     * frees whatever the run still caches.
     */
    public record Result(Verdict verdict, DataQuality quality, OutputFolder out, Dataset<Row> events,
                         Dataset<Row> cached, Classify classify, List<InputFile> files, Monitored monitored) {
        public void release() {
            try {
                cached.unpersist();
                classify.release();
            } finally {
                out.close();
            }
        }
    }

    private final SparkSession spark;
    private final Stages stages;

    public ValidateJob(SparkSession spark, Stages stages) {
        this.spark = spark;
        this.stages = stages;
    }

    /** Runs validation alone: writes everything, commits the output folder and frees the cache. */
    public Result run(Options o) {
        StageClock clock = new StageClock(stages);
        Result r = run(o, clock);
        try {
            Manifest manifest = manifest("validate", o, r);
            r.out().commit(manifest.put("data_quality", r.monitored().json(r.quality())).toJson(clock, r.verdict().name()),
                    r.verdict() == Verdict.OK);
            if (r.verdict() == Verdict.OK) {
                r.monitored().keep(spark, r.out().runId(), o.asOf(), List.of());
            }
        } finally {
            r.release();
        }
        return r;
    }

    /** The manifest every command that validates starts from: inputs with their hashes, the mapping. */
    Manifest manifest(String command, Options o, Result r) {
        Manifest m = new Manifest(command, o.asOf().toString()).inputs(spark, r.files());
        if (!o.mapping().isIdentity()) {
            try {
                String text = java.nio.file.Files.readString(java.nio.file.Path.of(o.mapping().origin()));
                Map<String, Object> mapping = new java.util.LinkedHashMap<>();
                mapping.put("file", o.mapping().origin());
                mapping.put("sha256", org.chronolens.util.Hashes.sha256(text));
                m.put("mapping", mapping);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return m;
    }

    /**
     * Runs validation and keeps the accepted events cached for the caller, who must release them
     * (which also releases the output folder). Where the outputs go is settled before any input is
     * read: never into, over or inside an input, and one run at a time.
     */
    public Result run(Options o, StageClock clock) {
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        InputResolver.Resolved resolved = new InputResolver(hadoop).resolve(o.inputs());
        List<InputFile> files = resolved.files();
        if (o.monitoring().enabled()) {
            Placement.refuseObjectStore("--history", o.monitoring().history());
            Placement.refuseInsideInputs(hadoop, "--history", o.monitoring().history(), resolved.roots());
            Placement.refuseFileInPath(hadoop, "--history", o.monitoring().history(), true);
        }
        List<String> reading = new java.util.ArrayList<>(resolved.roots());
        reading.addAll(o.configFiles());
        if (!o.mapping().isIdentity()) {
            reading.add(o.mapping().origin());
        }
        OutputFolder out = OutputFolder.claim(OutputFolder.Target.of(o.out()).overwrite(o.overwrite()).reading(reading),
                hadoop);
        try {
            return validate(o, clock, resolved, out);
        } catch (Throwable e) {
            // Throwable, not RuntimeException: Spark throws its checked SparkException unannounced (a
            // task's full disk), and the run's staging folder must go then too.
            out.close();
            throw e;
        }
    }

    /** What the walk over the inputs and the look at their headers noticed, in that order. */
    private static List<String> warnings(InputResolver.Resolved resolved, InputInspector.Inspection inspection) {
        List<String> all = new java.util.ArrayList<>(resolved.warnings());
        all.addAll(inspection.warnings());
        return all;
    }

    private Result validate(Options o, StageClock clock, InputResolver.Resolved resolved, OutputFolder out) {
        List<InputFile> files = resolved.files();
        InputInspector.Inspection inspection = new InputInspector(spark, o.mapping()).inspect(files);
        org.chronolens.spark.ShufflePartitions.apply(spark,
                files.stream().filter(f -> f.format() == InputFile.Format.CSV).mapToLong(InputFile::bytes).sum(),
                files.stream().filter(f -> f.format() == InputFile.Format.PARQUET).mapToLong(InputFile::bytes).sum());
        clock.stage("inspect", files.size(), "files");

        out.create();
        boolean numericIds = o.numericPseudonyms() || o.mapping().numericPseudonyms();
        Dataset<Row> checked = new Ingest(spark, o.mapping(), new EventCheck(o.piiPolicy(), numericIds))
                .read(files).persist(StorageLevel.MEMORY_AND_DISK());
        long rowsRead = checked.count();
        clock.stage("read", rowsRead, "rows");

        // Not cached: classifying is a narrow pass over the cached rows (its id facts are broadcast),
        // cheaper to repeat for each output than a second cached copy of every row.
        Classify classify = new Classify(o.asOf(), files.stream().map(InputFile::name).toList());
        Dataset<Row> classified = classify.transform(checked);
        DataQuality quality = DataQuality.measure(classified, rowsRead, o.asOf(), o.piiPolicy(),
                o.quarantineCeiling(), warnings(resolved, inspection), numericIds);
        clock.stage("check", rowsRead, "rows");
        if (!quality.reconciled()) {
            throw new IllegalStateException("reconciliation failed: " + quality.toJson().get("reconciliation"));
        }

        Dataset<Row> quarantine = classified.where(col(Classify.STATUS).equalTo(Classify.QUARANTINED))
                .select(quarantineColumns());
        // The counts already say how many rows there are: an empty quarantine is written without
        // classifying every row again, and a non-empty one is classified once, then read back (it is
        // small) for its CSV copy.
        if (quality.quarantined() == 0) {
            quarantine = spark.createDataFrame(List.of(), quarantine.schema());
        }
        out.writeParquet(Output.QUARANTINE.file(), quarantine, col(SOURCE_FILE), col(LINE));
        Dataset<Row> written = quality.quarantined() == 0 ? quarantine
                : spark.read().parquet(RunLayout.path(out.workingRoot(), Output.QUARANTINE).toString());
        out.writeCsv(Output.QUARANTINE_CSV.file(), written, col(SOURCE_FILE), col(LINE));
        Monitored monitored = Monitored.check(spark, o.monitoring(), o.asOf(), quality);
        out.writeText(Output.DATA_QUALITY.file(), org.chronolens.io.JsonText.pretty(monitored.json(quality)));
        clock.stage("quarantine", quality.quarantined(), "rows");

        Verdict verdict = quality.ceilingExceeded() ? Verdict.CEILING_EXCEEDED
                : o.piiPolicy() == PiiPolicy.FAIL && quality.identifiersFound() > 0 ? Verdict.PII_REFUSED
                : monitored.gateCloses() ? Verdict.ANOMALY
                : Verdict.OK;
        Dataset<Row> events = events(classified);
        if (verdict == Verdict.OK) {
            out.writeParquet(Output.EVENTS.file(), events);
            // Later stages read the events just written (typed, and only the columns they need)
            // rather than the cached rows, which are freed before the rules need the memory.
            events = spark.read().parquet(RunLayout.path(out.workingRoot(), Output.EVENTS).toString());
            checked.unpersist();
            classify.release();
            clock.stage("events", quality.accepted(), "rows");
        }
        return new Result(verdict, quality, out, events, checked, classify, files, monitored);
    }

    /** The accepted events, typed: what every later stage reads. */
    static Dataset<Row> events(Dataset<Row> classified) {
        return classified.where(col(Classify.STATUS).equalTo(Classify.ACCEPTED)).select(
                col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Columns.EVENT_ID),
                col(EVENT_DAY).as(Columns.EVENT_DATE), col(EVENT_TIME).as(Columns.EVENT_TIME),
                col("agency"), col(Columns.EVENT_TYPE), col("outcome"), col(Columns.RELATED_EVENT_ID),
                col(DUE_DAY).as(Columns.DUE_DATE),
                when(col("attendees").isNull(), array().cast("array<string>"))
                        .otherwise(split(col("attendees"), ";")).as("attendees"),
                col("notes"), col(SOURCE_FILE), col(LINE));
    }

    private static Column[] quarantineColumns() {
        List<Column> cols = new java.util.ArrayList<>(List.of(col(SOURCE_FILE), col(LINE), col(REASON), col(MESSAGE)));
        ContractColumn.names().forEach(n -> cols.add(col(n)));
        return cols.toArray(Column[]::new);
    }

    static String json(DataQuality quality) {
        return org.chronolens.io.JsonText.pretty(quality.toJson());
    }
}
