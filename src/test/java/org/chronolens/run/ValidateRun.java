package org.chronolens.run;

import org.chronolens.util.Stages;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.check.PiiPolicy;

import static org.apache.spark.sql.functions.col;

/** Runs the validate job in tests and reads its outputs back. */
public final class ValidateRun {

    public static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    private final SparkSession spark;
    private final Path out;
    private PiiPolicy policy = PiiPolicy.REDACT;
    private double ceiling = 0.5;
    private ColumnMapping mapping = ColumnMapping.identity();

    public ValidateRun(SparkSession spark, Path out) {
        this.spark = spark;
        this.out = out;
    }

    public ValidateRun policy(PiiPolicy p) {
        this.policy = p;
        return this;
    }

    public ValidateRun ceiling(double c) {
        this.ceiling = c;
        return this;
    }

    public ValidateRun mapping(ColumnMapping m) {
        this.mapping = m;
        return this;
    }

    public ValidateJob.Result run(Path... inputs) {
        return run(Arrays.stream(inputs).map(Path::toString).toList());
    }

    public ValidateJob.Result run(List<String> inputs) {
        return new ValidateJob(spark, Stages.NONE).run(new ValidateJob.Options(inputs, AS_OF, out.toString(), true,
                mapping, policy, ceiling));
    }

    /** Quarantined rows ordered by file and line. */
    public List<Row> quarantine() {
        return spark.read().parquet(out.resolve(org.chronolens.io.RunLayout.Output.QUARANTINE.file()).toString())
                .orderBy(col("source_file"), col("line")).collectAsList();
    }

    public List<Row> events() {
        return spark.read().parquet(out.resolve(org.chronolens.io.RunLayout.Output.EVENTS.file()).toString()).orderBy(col("event_id")).collectAsList();
    }

    public Path out() {
        return out;
    }
}
