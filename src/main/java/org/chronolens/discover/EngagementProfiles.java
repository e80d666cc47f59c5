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
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.*;

/**
 * Engagement profiles: k-means over per-child features from the scan's denominators, scaled
 * robustly (by median and interquartile range, so that a few extreme children do not set the
 * scale), with k chosen by the silhouette over a stated range. Each profile is described by how its
 * centre differs from the average child, in words, with its size and its stability over bootstrap
 * resamples. A clustering is not reported as profiles when its largest group holds over
 * {@link #DOMINANT} of the children, or when its silhouette is no better than k-means finds on the
 * same features shuffled independently (structure that any data of those margins would show).
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

    /** {@code stability}: the share of resamples in which the profile is found again (Jaccard at least 0.5); NaN when not resampled. */
    public record Profile(int id, long size, double share, Map<String, Double> centre, String words, double stability) {
    }

    /** A clustering whose largest group holds more than this share of children is no distinct profiles. */
    public static final double DOMINANT = 0.8;

    /**
     * {@code silhouettes} holds the score for every k tried; {@code shuffled} the silhouette on
     * shuffled features (NaN when not reached); {@code profiles} is empty, with the reason in
     * {@code note}, when there are no distinct profiles.
     */
    public record Result(long subjects, int k, double silhouette, Map<Integer, Double> silhouettes, double shuffled,
                         List<Profile> profiles, String note) {
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
        // In the same pass, what describing a centre needs: each feature's spread and how many children have it.
        FEATURES.forEach(f -> means.add(stddev_pop(f.name())));
        FEATURES.forEach(f -> means.add(count(f.name())));
        Row mean = features.agg(means.get(0), means.subList(1, means.size()).toArray(new Column[0])).first();
        long n = mean.getLong(FEATURES.size());
        int maxK = (int) Math.min(p.kMax(), n - 1);
        if (n < 3 || maxK < p.kMin()) {
            return new Result(n, 0, Double.NaN, Map.of(), Double.NaN, List.of(), "too few children (" + n + ") to form profiles");
        }
        Map<String, Object> fill = new LinkedHashMap<>();
        for (int i = 0; i < FEATURES.size(); i++) {
            fill.put(FEATURES.get(i).name(), mean.isNullAt(i) ? 0.0 : mean.getDouble(i));
        }
        Dataset<Row> filled = features.na().fill(fill);
        String[] names = FEATURES.stream().map(Feature::name).toArray(String[]::new);
        double[] sd = standardDeviations(mean, n);
        Dataset<Row> scaled = new VectorAssembler().setInputCols(scaledNames(names)).setOutputCol("features")
                .transform(robustlyScaled(filled, names, sd)).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> assigned = null;
        try {

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
            assigned = best.transform(scaled).persist(StorageLevel.MEMORY_AND_DISK());
            List<Column> centreCols = new ArrayList<>();
            centreCols.add(count(lit(1)).as("size"));
            for (String name : names) {
                centreCols.add(avg(name).as(name));
            }
            List<Row> centres = assigned.groupBy("profile").agg(centreCols.get(0), centreCols.subList(1, centreCols.size())
                    .toArray(new Column[0])).orderBy(desc("size"), asc("profile")).collectAsList();
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
                        phrases.isEmpty() ? "close to the average child on every feature" : String.join("; ", phrases), Double.NaN));
            }
            double largest = profiles.get(0).share();
            if (largest > DOMINANT) {
                return new Result(n, best.getK(), bestScore, silhouettes, Double.NaN, List.of(), String.format(Locale.ROOT,
                        "no distinct profiles: the largest group holds %.0f %% of children (more than %.0f %%)",
                        largest * 100, DOMINANT * 100));
            }
            Dataset<Row> shuffledFeatures = shuffle(scaled, p.seed()).persist(StorageLevel.MEMORY_AND_DISK());
            double shuffled = evaluator.evaluate(new KMeans().setK(best.getK()).setSeed(p.seed()).setFeaturesCol("features")
                    .setPredictionCol("profile").fit(shuffledFeatures).transform(shuffledFeatures));
            shuffledFeatures.unpersist();
            if (bestScore <= shuffled) {
                return new Result(n, best.getK(), bestScore, silhouettes, shuffled, List.of(), String.format(Locale.ROOT,
                        "no distinct profiles: the groups are no more distinct (silhouette %.2f) than on the same features "
                                + "shuffled between children (%.2f)", bestScore, shuffled));
            }
            List<Profile> stable = p.resamples() == 0 ? profiles : withStability(scaled, assigned, profiles, centres, best, p);
            return new Result(n, best.getK(), bestScore, silhouettes, shuffled, stable, "");
        } finally {
            if (assigned != null) {
                assigned.unpersist();
            }
            scaled.unpersist();
        }
    }

    /** A scaled feature beside its raw value, which the profiles' centres are read in. */
    private static String[] scaledNames(String[] names) {
        return java.util.Arrays.stream(names).map(f -> "scaled_" + f).toArray(String[]::new);
    }

    /** Scaled values are clipped to this many interquartile ranges from the median, so that a few extreme children do not make groups of their own. */
    static final double CLIP = 3;

    /**
     * Each feature centred on its median and divided by its interquartile range, or by its standard
     * deviation where most children share one value (a range of 0 would erase the feature), then
     * clipped to {@link #CLIP}. Only the quartiles reach the driver.
     */
    private static Dataset<Row> robustlyScaled(Dataset<Row> filled, String[] names, double[] sd) {
        double[][] q = filled.stat().approxQuantile(names, new double[] {0.25, 0.5, 0.75}, 0.001);
        Dataset<Row> out = filled;
        String[] scaled = scaledNames(names);
        for (int i = 0; i < names.length; i++) {
            double iqr = q[i][2] - q[i][0];
            double scale = iqr > 1e-9 ? iqr : sd[i] > 1e-9 ? sd[i] : 1;
            out = out.withColumn(scaled[i], greatest(lit(-CLIP), least(lit(CLIP), col(names[i]).minus(q[i][1]).divide(scale))));
        }
        return out;
    }

    /**
     * The features' standard deviations once missing shares are set to the mean (which adds no
     * spread, only children): the spread of those who have the feature, scaled by their share.
     */
    private static double[] standardDeviations(Row aggregates, long n) {
        int f = FEATURES.size();
        double[] sd = new double[f];
        for (int i = 0; i < f; i++) {
            long have = aggregates.getLong(f + 1 + f + i);
            sd[i] = aggregates.isNullAt(f + 1 + i) ? 0 : aggregates.getDouble(f + 1 + i) * Math.sqrt((double) have / n);
        }
        return sd;
    }

    /**
     * The scaled features with each feature's values shuffled between children on its own (a keyed
     * hash of the seed, the feature and the child orders them): the margins kept, any joint structure
     * broken.
     */
    private static Dataset<Row> shuffle(Dataset<Row> scaled, long seed) {
        Dataset<Row> vectors = scaled.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID),
                org.apache.spark.ml.functions.vector_to_array(col("features"), "float64").as("v"));
        org.apache.spark.sql.expressions.WindowSpec byChild = org.apache.spark.sql.expressions.Window
                .orderBy(Columns.CASE_ID, Columns.SUBJECT_ID);
        Dataset<Row> base = vectors.select(row_number().over(byChild).as("i"));
        for (int f = 0; f < FEATURES.size(); f++) {
            Column key = sha2(concat_ws("|", lit(seed + "/" + f), col(Columns.CASE_ID), col(Columns.SUBJECT_ID)), 256);
            Dataset<Row> column = vectors.select(row_number().over(org.apache.spark.sql.expressions.Window.orderBy(key))
                    .as("i"), col("v").getItem(f).as("f" + f));
            base = base.join(column, "i");
        }
        Column[] cols = new Column[FEATURES.size()];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = col("f" + f);
        }
        return base.select(org.apache.spark.ml.functions.array_to_vector(array(cols)).as("features"));
    }

    /**
     * Each profile's share of {@link Resample bootstrap resamples} in which k-means, fitted to the
     * resample (children weighted by how often they are drawn), finds it again: a group of the
     * resample whose drawn children overlap the profile's by a Jaccard similarity of at least 0.5
     * (Hennig's reading of a dissolved cluster below that).
     */
    private static List<Profile> withStability(Dataset<Row> scaled, Dataset<Row> assigned, List<Profile> profiles,
                                               List<Row> centres, KMeansModel best, DiscoveryParams p) {
        // Profile ids follow size; k-means' own cluster numbers are in centres' first column.
        Map<Integer, Integer> idOf = new java.util.HashMap<>();
        for (int i = 0; i < centres.size(); i++) {
            idOf.put(centres.get(i).getInt(0), i);
        }
        int[] found = new int[profiles.size()];
        for (int b = 0; b < p.resamples(); b++) {
            int draw = b;
            long seed = p.seed();
            org.apache.spark.sql.expressions.UserDefinedFunction weight = udf(
                    (String c, String s) -> (double) Resample.weights(seed, c, s, draw + 1)[draw],
                    org.apache.spark.sql.types.DataTypes.DoubleType);
            Dataset<Row> weighted = assigned.withColumn("w", weight.apply(col(Columns.CASE_ID), col(Columns.SUBJECT_ID)));
            KMeansModel again = new KMeans().setK(best.getK()).setSeed(p.seed()).setFeaturesCol("features")
                    .setPredictionCol("again").setWeightCol("w").fit(weighted.where(col("w").gt(0)));
            Dataset<Row> drawn = again.transform(weighted.where(col("w").gt(0)));
            List<Row> pairs = drawn.groupBy("profile", "again").count().collectAsList();
            Map<Integer, Long> ofProfile = new java.util.HashMap<>();
            Map<Integer, Long> ofAgain = new java.util.HashMap<>();
            pairs.forEach(r -> {
                ofProfile.merge(r.getInt(0), r.getLong(2), Long::sum);
                ofAgain.merge(r.getInt(1), r.getLong(2), Long::sum);
            });
            double[] bestJaccard = new double[profiles.size()];
            for (Row r : pairs) {
                int id = idOf.get(r.getInt(0));
                double j = ContrastPatterns.jaccard(ofProfile.get(r.getInt(0)), ofAgain.get(r.getInt(1)), r.getLong(2));
                bestJaccard[id] = Math.max(bestJaccard[id], j);
            }
            for (int i = 0; i < found.length; i++) {
                if (bestJaccard[i] >= 0.5) {
                    found[i]++;
                }
            }
        }
        List<Profile> out = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Profile x = profiles.get(i);
            out.add(new Profile(x.id(), x.size(), x.share(), x.centre(), x.words(), (double) found[i] / p.resamples()));
        }
        return out;
    }

    private static String phrase(Feature f, double v, double z) {
        String value = f.unit().equals("%") ? String.format(Locale.ROOT, "%.0f %%", v * 100)
                : String.format(Locale.ROOT, "%.1f", v);
        String level = Math.abs(z) >= 1.5 ? (z > 0 ? "far more" : "far fewer") : (z > 0 ? "more" : "fewer");
        return f.label() + " " + value + " (" + level + " than average)";
    }
}
