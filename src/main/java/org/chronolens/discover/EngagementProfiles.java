package org.chronolens.discover;

import org.chronolens.util.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.*;

/**
 * Engagement profiles: k-means over standardised per-child features from the scan's denominators,
 * with k chosen by the silhouette over a stated range. Each profile is described by how its centre
 * differs from the average child, in words, with its size; the silhouette is reported as it is.
 */
public final class EngagementProfiles {

    /** A feature: its name, how it reads, and how it is computed from subjects' columns. */
    public record Feature(String name, String label, String unit, Column value) {
    }

    /** Shares that a child without any such event cannot have are set to the caseload's mean (neutral once standardised). */
    static final List<Feature> FEATURES = List.of(
            new Feature("attended_share", "appointments attended", "%", share("appointments_attended", "appointments_total")),
            new Feature("missed_share", "appointments missed", "%", share("appointments_missed", "appointments_total")),
            new Feature("not_seen_share", "home visits without seeing the child", "%",
                    share("home_visits_child_not_seen", "home_visits_total")),
            new Feature("advice_followed_share", "advice followed up", "%", share("advice_followed_up", "advice_given")),
            new Feature("agreements_kept_share", "agreements kept", "%", share("agreements_kept", "agreements_made")),
            new Feature("events_per_month", "events recorded per month", "",
                    col("events_total").divide(greatest(lit(1.0), datediff(col("last_event_date"), col("first_event_date"))
                            .divide(30.4)))),
            new Feature("agencies", "agencies involved", "", size(split(col("events_by_agency"), ";"))));

    public record Profile(int id, long size, double share, Map<String, Double> centre, String words) {
    }

    /** {@code silhouettes} holds the score for every k tried. */
    public record Result(long subjects, int k, double silhouette, Map<Integer, Double> silhouettes, List<Profile> profiles,
                  String note) {
    }

    private EngagementProfiles() {
    }

    private static Column share(String part, String whole) {
        return when(col(whole).gt(0), col(part).cast("double").divide(col(whole)));
    }

    public static Result cluster(Dataset<Row> subjects, DiscoveryParams p) {
        List<Column> raw = new ArrayList<>();
        raw.add(col(Columns.CASE_ID));
        raw.add(col(Columns.SUBJECT_ID));
        FEATURES.forEach(f -> raw.add(f.value().cast("double").as(f.name())));
        // One partition in a fixed order: k-means|| initialisation depends on how rows are split, and
        // one row per child is small enough for a single task.
        Dataset<Row> features = subjects.select(raw.toArray(new Column[0])).orderBy(Columns.CASE_ID, Columns.SUBJECT_ID).coalesce(1);
        List<Column> means = new ArrayList<>();
        FEATURES.forEach(f -> means.add(avg(f.name())));
        means.add(count(lit(1)));
        Row mean = features.agg(means.get(0), means.subList(1, means.size()).toArray(new Column[0])).first();
        long n = mean.getLong(FEATURES.size());
        int maxK = (int) Math.min(p.kMax(), n - 1);
        if (n < 3 || maxK < p.kMin()) {
            return new Result(n, 0, Double.NaN, Map.of(), List.of(), "too few children (" + n + ") to form profiles");
        }
        Map<String, Object> fill = new LinkedHashMap<>();
        for (int i = 0; i < FEATURES.size(); i++) {
            fill.put(FEATURES.get(i).name(), mean.isNullAt(i) ? 0.0 : mean.getDouble(i));
        }
        Dataset<Row> filled = features.na().fill(fill);
        String[] names = FEATURES.stream().map(Feature::name).toArray(String[]::new);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(names).setOutputCol("raw").transform(filled);
        StandardScalerModel scaler = new StandardScaler().setInputCol("raw").setOutputCol("features")
                .setWithMean(true).setWithStd(true).fit(assembled);
        Dataset<Row> scaled = scaler.transform(assembled).persist(StorageLevel.MEMORY_AND_DISK());

        ClusteringEvaluator evaluator = new ClusteringEvaluator().setFeaturesCol("features").setPredictionCol("profile");
        Map<Integer, Double> silhouettes = new LinkedHashMap<>();
        KMeansModel best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = p.kMin(); k <= maxK; k++) {
            KMeansModel model = new KMeans().setK(k).setSeed(p.seed()).setFeaturesCol("features")
                    .setPredictionCol("profile").fit(scaled);
            double score = evaluator.evaluate(model.transform(scaled));
            silhouettes.put(k, score);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                best = model;
            }
        }
        Dataset<Row> assigned = best.transform(scaled);
        List<Column> centreCols = new ArrayList<>();
        centreCols.add(count(lit(1)).as("size"));
        for (String name : names) {
            centreCols.add(avg(name).as(name));
        }
        List<Row> centres = assigned.groupBy("profile").agg(centreCols.get(0), centreCols.subList(1, centreCols.size())
                .toArray(new Column[0])).orderBy(desc("size"), asc("profile")).collectAsList();
        double[] sd = scaler.std().toArray();
        List<Profile> profiles = new ArrayList<>();
        int id = 1;
        for (Row c : centres) {
            Map<String, Double> centre = new LinkedHashMap<>();
            List<String> phrases = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                double v = c.getDouble(i + 2);
                centre.put(names[i], v);
                double z = sd[i] == 0 ? 0 : (v - (Double) fill.get(names[i])) / sd[i];
                if (Math.abs(z) >= 0.5) {
                    phrases.add(phrase(FEATURES.get(i), v, z));
                }
            }
            long size = c.getLong(1);
            profiles.add(new Profile(id++, size, (double) size / n, centre,
                    phrases.isEmpty() ? "close to the average child on every feature" : String.join("; ", phrases)));
        }
        scaled.unpersist();
        return new Result(n, best.getK(), bestScore, silhouettes, profiles, "");
    }

    private static String phrase(Feature f, double v, double z) {
        String value = f.unit().equals("%") ? String.format(Locale.ROOT, "%.0f %%", v * 100)
                : String.format(Locale.ROOT, "%.1f", v);
        String level = Math.abs(z) >= 1.5 ? (z > 0 ? "far more" : "far fewer") : (z > 0 ? "more" : "fewer");
        return f.label() + " " + value + " (" + level + " than average)";
    }
}
