package org.chronolens.run;

import java.util.EnumMap;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.io.OutputFolder;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.monitor.Monitored;
import org.chronolens.util.StageClock;
import org.chronolens.util.Stages;

/**
 * What the stages of one scan share: the session, the request, validation's result, the rules'
 * findings, the stage clock, and the run's outputs read back by their layout names, each read
 * once however many stages ask for it.
 */
final class ScanContext {

    private final SparkSession spark;
    private final Stages stages;
    private final ScanRequest request;
    private final StageClock clock;
    private final Map<Output, Dataset<Row>> staged = new EnumMap<>(Output.class);
    private ValidateJob.Result validation;
    private ScanFindings findings;
    private Monitored monitored;

    ScanContext(SparkSession spark, Stages stages, ScanRequest request, StageClock clock) {
        this.spark = spark;
        this.stages = stages;
        this.request = request;
        this.clock = clock;
    }

    SparkSession spark() {
        return spark;
    }

    Stages stages() {
        return stages;
    }

    ScanRequest request() {
        return request;
    }

    StageClock clock() {
        return clock;
    }

    ValidateJob.Result validation() {
        return validation;
    }

    OutputFolder out() {
        return validation.out();
    }

    /** What the rules found; set once they have run. */
    ScanFindings findings() {
        return findings;
    }

    /** The run's metrics, its flags' included once the rules have run. */
    Monitored monitored() {
        return monitored;
    }

    void validated(ValidateJob.Result result) {
        this.validation = result;
        this.monitored = result.monitored();
    }

    void found(ScanFindings f, Monitored m) {
        this.findings = f;
        this.monitored = m;
    }

    /** An output this run has written (Parquet), read back from its staging folder. */
    Dataset<Row> staged(Output output) {
        return staged.computeIfAbsent(output,
                o -> spark.read().parquet(RunLayout.path(out().workingRoot(), o).toString()));
    }

    /** An output of the earlier run the request compares with (Parquet). */
    Dataset<Row> previous(Output output) {
        return spark.read().parquet(RunLayout.path(request.previousRun(), output).toString());
    }
}
