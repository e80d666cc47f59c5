package org.chronolens.discover;

import org.chronolens.util.Columns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.fpm.PrefixSpan;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/**
 * Sequences that precede flags: PrefixSpan mines the frequent sequences among flagged children and
 * among all children; each sequence frequent among the flagged is then counted exactly in both
 * groups (one pass over the sequences on the executors), so that its support among the others is
 * known even where it is rare there. Reported: sequences of two or more periods whose support among
 * flagged children is at least {@code minRatio} times that among the others.
 *
 * <p>Not the same finding twice: a sequence whose flagged children are nearly those of a sequence
 * ranked above it (Jaccard similarity of the two sets at least {@link #SIMILAR}) is not listed
 * but counted on that one ("and N similar"). A sequence held by exactly the children of a longer
 * one that contains it (not closed) is always such a one. The overlaps are counted on the
 * executors, one pass; no child reaches the driver.
 */
public final class ContrastPatterns {

    /** More candidates than this are cut to the most supported among the flagged: the count pass is per candidate. */
    static final int MAX_CANDIDATES = 5_000;

    /** Two sequences whose flagged children overlap this much (Jaccard) are one finding. */
    public static final double SIMILAR = 0.8;

    /** How many of the ranked sequences the overlaps are counted for, per sequence reported. */
    static final int POOL_PER_REPORTED = 20;

    /** One contrast pattern, with its support in each group and a sentence. */
    public record Pattern(List<List<String>> sequence, long flagged, long others, double supportFlagged, double supportOthers,
                   String words, int similar) {

        Pattern withSimilar(int n) {
            return new Pattern(sequence, flagged, others, supportFlagged, supportOthers, words, n);
        }

        /** Flagged support over others' support; infinite when the others never show it. */
        double ratio() {
            return supportOthers == 0 ? Double.POSITIVE_INFINITY : supportFlagged / supportOthers;
        }
    }

    /** What was mined: group sizes, how many frequent sequences each group had, and the contrast. */
    public record Result(long flaggedSubjects, long otherSubjects, long frequentAmongFlagged, long frequentAmongAll,
                  List<Pattern> patterns) {
        static Result empty(long flagged, long others) {
            return new Result(flagged, others, 0, 0, List.of());
        }
    }

    private ContrastPatterns() {
    }

    public static Result mine(Dataset<Row> sequences, DiscoveryParams p) {
        // Every pass below reads the sequences: PrefixSpan alone makes several.
        Dataset<Row> cached = sequences.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return mineCached(cached, p);
        } finally {
            cached.unpersist();
        }
    }

    private static Result mineCached(Dataset<Row> sequences, DiscoveryParams p) {
        Row sizes = sequences.agg(org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("flagged"), 1)
                .otherwise(0)), org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1))).first();
        long flagged = sizes.isNullAt(0) ? 0 : sizes.getLong(0);
        long others = sizes.getLong(1) - flagged;
        if (flagged == 0) {
            return Result.empty(flagged, others);
        }
        PrefixSpan miner = new PrefixSpan().setMinSupport(p.sequenceSupport()).setMaxPatternLength(p.maxPatternLength())
                .setSequenceCol("sequence");
        List<Row> amongFlagged = miner.findFrequentSequentialPatterns(sample(sequences.where(col("flagged")), p))
                .collectAsList();
        long amongAll = miner.findFrequentSequentialPatterns(sample(sequences, p)).count();

        List<List<List<String>>> candidates = new ArrayList<>();
        amongFlagged.stream().filter(r -> r.getList(0).size() >= 2)
                .sorted(Comparator.comparingLong((Row r) -> -r.getLong(1)).thenComparing(r -> r.getList(0).toString()))
                .limit(MAX_CANDIDATES)
                .forEach(r -> candidates.add(pattern(r.getList(0))));
        if (candidates.isEmpty()) {
            return new Result(flagged, others, amongFlagged.size(), amongAll, List.of());
        }
        long[][] counts = count(sequences, candidates);

        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double sf = (double) counts[0][i] / flagged;
            double so = others == 0 ? 0 : (double) counts[1][i] / others;
            if (sf >= p.sequenceSupport() && (so == 0 || sf / so >= p.minRatio())) {
                out.add(new Pattern(candidates.get(i), counts[0][i], counts[1][i], sf, so,
                        Words.sequence(candidates.get(i), p.granularity()), 0));
            }
        }
        // Ranked by the difference in support (the contrast-set measure of Bay and Pazzani's STUCCO):
        // a ratio alone would favour patterns that are rare everywhere. Ties go to the longer, more
        // specific pattern, so a sequence ranks above the shorter ones it holds.
        out.sort(Comparator.comparingDouble((Pattern x) -> -(x.supportFlagged() - x.supportOthers()))
                .thenComparing(x -> -x.sequence().size())
                .thenComparing(x -> -x.sequence().stream().mapToInt(List::size).sum())
                .thenComparing(x -> x.sequence().toString()));
        List<Pattern> pool = out.subList(0, Math.min(out.size(), POOL_PER_REPORTED * p.topPatterns()));
        return new Result(flagged, others, amongFlagged.size(), amongAll,
                distinct(pool, overlaps(sequences, pool), p.topPatterns()));
    }

    /**
     * The ranked sequences with each near-duplicate counted on the first it resembles, at most
     * {@code top} of them. {@code together[i][j]} is how many flagged children hold both i and j.
     */
    static List<Pattern> distinct(List<Pattern> ranked, long[][] together, int top) {
        List<Integer> kept = new ArrayList<>();
        int[] similar = new int[ranked.size()];
        for (int i = 0; i < ranked.size(); i++) {
            Integer like = null;
            for (int k : kept) {
                if (jaccard(ranked.get(i).flagged(), ranked.get(k).flagged(), together[i][k]) >= SIMILAR) {
                    like = k;
                    break;
                }
            }
            if (like != null) {
                similar[like]++;
            } else if (kept.size() < top) {
                kept.add(i);
            }
        }
        return kept.stream().map(k -> ranked.get(k).withSimilar(similar[k])).toList();
    }

    static double jaccard(long a, long b, long both) {
        long union = a + b - both;
        return union == 0 ? 0 : (double) both / union;
    }

    /** Flagged children holding both of each pair of sequences. */
    private static long[][] overlaps(Dataset<Row> sequences, List<Pattern> pool) {
        List<List<List<String>>> patterns = pool.stream().map(Pattern::sequence).toList();
        return PairCounts.of(sequences.where(col("flagged")).select("sequence").toJavaRDD(), patterns.size(), row -> {
            List<Set<String>> sequence = itemsets(row.getList(0));
            return i -> contains(sequence, patterns.get(i));
        });
    }

    private static List<Set<String>> itemsets(List<Object> raw) {
        List<Set<String>> sequence = new ArrayList<>();
        for (Object itemset : raw) {
            Set<String> items = new HashSet<>();
            for (Object item : (itemset instanceof scala.collection.Seq<?> s
                    ? scala.jdk.javaapi.CollectionConverters.asJava(s) : (List<?>) itemset)) {
                items.add((String) item);
            }
            sequence.add(items);
        }
        return sequence;
    }

    /**
     * The sequences PrefixSpan mines: all of them, or for a large group a fixed sample chosen by a
     * keyed hash of the seed and the child (Toivonen's sampling). Mining time grows steeply with
     * the number of long sequences; the supports reported are exact counts over every child anyway.
     */
    private static Dataset<Row> sample(Dataset<Row> group, DiscoveryParams p) {
        Column draw = org.apache.spark.sql.functions.sha2(org.apache.spark.sql.functions.concat_ws("|",
                org.apache.spark.sql.functions.lit(Long.toString(p.seed())), col(Columns.CASE_ID), col(Columns.SUBJECT_ID)), 256);
        return group.orderBy(draw).limit(p.miningSample()).select("sequence");
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> pattern(List<?> raw) {
        List<List<String>> out = new ArrayList<>();
        for (Object itemset : raw) {
            List<String> items = new ArrayList<>();
            for (Object item : (itemset instanceof scala.collection.Seq<?> s
                    ? scala.jdk.javaapi.CollectionConverters.asJava(s) : (List<Object>) itemset)) {
                items.add((String) item);
            }
            items.sort(null);
            out.add(List.copyOf(items));
        }
        return List.copyOf(out);
    }

    /** Exact containment counts per candidate: row 0 among flagged children, row 1 among the others. */
    private static long[][] count(Dataset<Row> sequences, List<List<List<String>>> candidates) {
        JavaRDD<Row> rows = sequences.select("flagged", "sequence").toJavaRDD();
        Counter counter = new Counter(candidates);
        return rows.mapPartitions(counter::call).reduce(ContrastPatterns::add);
    }

    private static long[][] add(long[][] a, long[][] b) {
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < a[g].length; i++) {
                a[g][i] += b[g][i];
            }
        }
        return a;
    }

    /** Counts, on an executor, which candidates each sequence of a partition contains. */
    private record Counter(List<List<List<String>>> candidates) implements Serializable {
        Iterator<long[][]> call(Iterator<Row> rows) {
            long[][] counts = new long[2][candidates.size()];
            while (rows.hasNext()) {
                Row r = rows.next();
                List<Set<String>> sequence = itemsets(r.getList(1));
                int group = r.getBoolean(0) ? 0 : 1;
                for (int i = 0; i < candidates.size(); i++) {
                    if (contains(sequence, candidates.get(i))) {
                        counts[group][i]++;
                    }
                }
            }
            return java.util.Collections.singletonList(counts).iterator();
        }
    }

    /**
     * Whether {@code pattern}'s itemsets occur, each inside one itemset of {@code sequence}, in
     * order. Matching each pattern itemset to the earliest itemset that holds it is optimal: an
     * earlier match leaves every later choice open.
     */
    static boolean contains(List<Set<String>> sequence, List<List<String>> pattern) {
        int at = 0;
        for (List<String> itemset : pattern) {
            while (at < sequence.size() && !sequence.get(at).containsAll(itemset)) {
                at++;
            }
            if (at == sequence.size()) {
                return false;
            }
            at++;
        }
        return true;
    }
}
