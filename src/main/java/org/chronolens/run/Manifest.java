package org.chronolens.run;

import org.chronolens.util.StageClock;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.chronolens.util.Version;
import org.chronolens.ingest.InputFile;
import org.chronolens.spark.BroadcastHadoopConf;

/**
 * What a run saw and said, for audit: run id, as-of date, version, every input with its size and
 * SHA-256, the mapping and thresholds with their hash, the counts, the reconciliation and the
 * seconds per stage. Written as {@code manifest.json} at the commit.
 */
public final class Manifest {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Manifest(String command, String asOf) {
        fields.put("run_id", java.util.UUID.randomUUID().toString());
        fields.put("command", command);
        fields.put("as_of", asOf);
        fields.put("application_version", Version.current());
        fields.put("started", Instant.now().toString());
    }

    /**
     * The run a finished run was compared with ({@code previous_run}), when its manifest names one
     * that is still there.
     */
    public static java.util.Optional<String> previousRun(String run, Configuration conf) {
        Path file = org.chronolens.io.RunLayout.path(new Path(run), org.chronolens.io.RunLayout.Output.MANIFEST);
        try {
            org.apache.hadoop.fs.FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return java.util.Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                String previous = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("previous_run").asText("");
                return previous.isEmpty() || !fs.exists(new Path(previous)) ? java.util.Optional.empty()
                        : java.util.Optional.of(previous);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Manifest put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Size and SHA-256 of every input file, computed by Spark tasks, streaming. */
    public Manifest inputs(SparkSession spark, List<InputFile> files) {
        if (files.isEmpty()) {
            fields.put("inputs", List.of());
            return this;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        BroadcastHadoopConf hadoop = BroadcastHadoopConf.of(spark);
        // A task per file while files are few; thousands of small files share a few tasks (in order).
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.min(files.size(), Math.max(4 * sc.defaultParallelism(), 64));
        sc.parallelize(files, slices).map(f -> describe(f, hadoop.get())).collect().forEach(out::add);
        fields.put("inputs", out);
        return this;
    }

    private static Map<String, Object> describe(InputFile f, Configuration conf) throws Exception {
        MessageDigest sha = org.chronolens.util.Hashes.digest();
        Path p = new Path(f.uri());
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.name());
        m.put("format", f.format().name().toLowerCase(java.util.Locale.ROOT));
        m.put("bytes", f.bytes());
        m.put("sha256", HexFormat.of().formatHex(sha.digest()));
        return m;
    }

    public String toJson(StageClock clock, String verdict) {
        fields.put("finished", Instant.now().toString());
        fields.put("verdict", verdict);
        fields.put("stage_seconds", clock.seconds());
        return org.chronolens.io.JsonText.prettySnakeCase(fields);
    }
}
