package org.chronolens.discover;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.ml.fpm.PrefixSpan;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * Sequences that precede flags, compared like with like: within each stratum (plan status, see
 * {@link Strata}), PrefixSpan mines the frequent sequences among the flagged children; each is then
 * counted exactly among the stratum's flagged children and its others, age band by age band (one
 * pass over the sequences on the executors). Reported: sequences of two or more periods held by at
 * least {@code sequence_support} of the stratum's flagged children and at least {@code min_ratio}
 * times as common among them as among its others.
 *
 * <p>Ranked by the difference in shares (the contrast-set measure of Bay and Pazzani's STUCCO: a
 * ratio alone favours what is rare everywhere), pooled over age bands with the Mantel-Haenszel
 * weights, so that a band with more flagged children does not make a sequence look flag-related.
 *
 * <p>Not the same finding twice: a sequence whose flagged children are nearly those of a sequence
 * ranked above it (Jaccard similarity at least {@link #SIMILAR}) is counted on that one ("and N
 * similar"); a sequence held by exactly the children of a longer one that contains it (not closed)
 * is always such a one.
 *
 * <p>Stable or chance: each reported sequence carries the share of bootstrap resamples of children
 * (Poisson weights, {@link Resample}) in which it, or one of its similar sequences, is still in the
 * top list. The overlaps and the resamples are counted on the executors; no child reaches the driver.
 */
public final class ContrastPatterns {

    /** More candidates than this per stratum are cut to the most supported among the flagged: the count pass is per candidate. */
    static final int MAX_CANDIDATES = 2_000;

    /** Two sequences whose flagged children overlap this much (Jaccard) are one finding. */
    public static final double SIMILAR = 0.8;

    /** How many of the ranked sequences the overlaps and resamples are counted for, per sequence reported. */
    static final int POOL_PER_REPORTED = 20;

    /**
     * An event recorded for at least this share of a stratum's flagged children and of its others
     * tells nothing about flags within it, and would only pad its sequences (the core groups of
     * children on protection plans): it is left out of that stratum's sequences before mining.
     */
    static final double UNIVERSAL = 0.9;

    /** A finding in the top list in fewer than this share of resamples is marked as unstable. */
    public static final double STABLE = 0.5;

    /** One contrast pattern, with its counts in its stratum, its pooled difference and its stability (NaN: not resampled). */
    public record Pattern(String stratum, List<List<String>> sequence, long flagged, long others, double supportFlagged,
                          double supportOthers, double difference, String words, int similar, double stability) {

        Pattern withSimilar(int n) {
            return new Pattern(stratum, sequence, flagged, others, supportFlagged, supportOthers, difference, words, n, stability);
        }

        Pattern withStability(double s) {
            return new Pattern(stratum, sequence, flagged, others, supportFlagged, supportOthers, difference, words, similar, s);
        }

        /** Flagged support over others' support; infinite when the others never show it. */
        double ratio() {
            return supportOthers == 0 ? Double.POSITIVE_INFINITY : supportFlagged / supportOthers;
        }
    }

    /** A stratum's size and whether it was compared (a stratum too small for a comparison says so). */
    public record StratumSize(String key, long flagged, long others, boolean compared, long frequent) {
    }

    /** What was mined: the strata, the items left out, the resamples, and the reported sequences. */
    public record Result(long flaggedSubjects, long otherSubjects, List<StratumSize> strata, boolean byAgeBand,
                         List<String> excluded, int resamples, List<Pattern> patterns) {

        long frequentAmongFlagged() {
            return strata.stream().mapToLong(StratumSize::frequent).sum();
        }
    }

    private ContrastPatterns() {
    }

    /** {@code sequences} as {@link Sequences#of} gives them. */
    public static Result mine(Dataset<Row> sequences, DiscoveryParams p, boolean byAgeBand) {
        // Every pass below reads the sequences: PrefixSpan alone makes several per stratum.
        Dataset<Row> cached = sequences.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return mineCached(cached, p, byAgeBand);
        } finally {
            cached.unpersist();
        }
    }

    private static Result mineCached(Dataset<Row> sequences, DiscoveryParams p, boolean byAgeBand) {
        List<Strata.Stratum> strata = Strata.of(p.stratify());
        List<String> stratumKeys = strata.stream().map(Strata.Stratum::key).toList();
        // Cell sizes: children by stratum, band and flag (a few dozen rows).
        List<Row> cells = sequences.groupBy(Sequences.STRATUM, Sequences.BAND, Sequences.FLAGGED).count()
                .orderBy(Sequences.STRATUM, Sequences.BAND, Sequences.FLAGGED).collectAsList();
        List<String> bands = cells.stream().map(r -> r.getString(1)).distinct().toList();
        Sizes sizes = new Sizes(stratumKeys.size(), bands.size());
        for (Row r : cells) {
            sizes.n()[stratumKeys.indexOf(r.getString(0))][bands.indexOf(r.getString(1))][r.getBoolean(2) ? FLAGGED : OTHERS]
                    = r.getLong(3);
        }
        Map<String, Set<String>> universal = universal(sequences, sizes, stratumKeys);
        long flagged = 0;
        long others = 0;
        List<Candidate> candidates = new ArrayList<>();
        List<StratumSize> report = new ArrayList<>();
        for (int s = 0; s < strata.size(); s++) {
            long f = sizes.group(s, FLAGGED);
            long o = sizes.group(s, OTHERS);
            flagged += f;
            others += o;
            long frequent = 0;
            boolean compared = compared(sizes, s, p);
            if (compared) {
                List<Row> mined = frequentAmongFlagged(sequences.where(col(Sequences.STRATUM).equalTo(stratumKeys.get(s))),
                        universal.getOrDefault(stratumKeys.get(s), Set.of()), p);
                frequent = mined.size();
                int stratum = s;
                mined.stream().filter(r -> r.getList(0).size() >= 2)
                        // Ties by the pattern with its items sorted: PrefixSpan's own item order follows Spark's partitioning.
                        .sorted(Comparator.comparingLong((Row r) -> -r.getLong(1)).thenComparing(r -> pattern(r.getList(0)).toString()))
                        .limit(MAX_CANDIDATES)
                        .forEach(r -> candidates.add(new Candidate(stratum, pattern(r.getList(0)))));
            }
            report.add(new StratumSize(stratumKeys.get(s), f, o, compared, frequent));
        }
        List<String> excluded = p.excludeRuleItems() ? List.copyOf(Sequences.excluded()) : List.of();
        if (candidates.isEmpty()) {
            return new Result(flagged, others, report, byAgeBand, excluded, 0, List.of());
        }
        // Pass 1: every candidate counted in its stratum, band by band.
        Counts counts = count(sequences, candidates, stratumKeys, bands, 0, p.seed(), false);
        List<Pattern> ranked = ranked(candidates, counts.full(), sizes, p, stratumKeys);
        List<Pattern> pool = ranked.subList(0, Math.min(ranked.size(), POOL_PER_REPORTED * p.topPatterns()));
        // Pass 2: the pool's overlaps among flagged children, and its counts in every resample.
        List<Candidate> pooled = pool.stream().map(x -> new Candidate(stratumKeys.indexOf(x.stratum()), x.sequence())).toList();
        Counts poolCounts = count(sequences, pooled, stratumKeys, bands, p.resamples(), p.seed(), true);
        int[] representative = representatives(pool, poolCounts.together());
        List<Pattern> reported = distinct(pool, representative, p.topPatterns());
        if (p.resamples() > 0) {
            reported = withStability(poolCounts, pool, pooled, representative, reported, stratumKeys, p);
        }
        return new Result(flagged, others, report, byAgeBand, excluded, p.resamples(), reported);
    }

    /** Whether a stratum has enough flagged children, and others, to compare. */
    private static boolean compared(Sizes sizes, int s, DiscoveryParams p) {
        return sizes.group(s, FLAGGED) >= Strata.MIN_CHILDREN
                && (sizes.group(s, OTHERS) >= Strata.MIN_CHILDREN || !p.stratify());
    }

    /**
     * Per stratum, the events recorded for at least {@link #UNIVERSAL} of its flagged children and of
     * its others; only the counts of events held that widely reach the driver.
     */
    private static Map<String, Set<String>> universal(Dataset<Row> sequences, Sizes sizes, List<String> strata) {
        Dataset<Row> held = sequences.select(col(Sequences.STRATUM), col(Sequences.FLAGGED),
                        explode(array_distinct(flatten(col(Sequences.SEQUENCE)))).as("item"))
                .groupBy(Sequences.STRATUM, Sequences.FLAGGED, "item").count();
        long least = Long.MAX_VALUE;
        for (int s = 0; s < strata.size(); s++) {
            least = Math.min(least, Math.min(sizes.group(s, FLAGGED), sizes.group(s, OTHERS)));
        }
        Map<String, Map<String, Integer>> groupsHolding = new HashMap<>();
        for (Row r : held.where(col("count").geq((long) Math.ceil(UNIVERSAL * least))).collectAsList()) {
            int s = strata.indexOf(r.getString(0));
            int g = r.getBoolean(1) ? FLAGGED : OTHERS;
            if (r.getLong(3) >= UNIVERSAL * sizes.group(s, g)) {
                groupsHolding.computeIfAbsent(r.getString(0), k -> new HashMap<>()).merge(r.getString(2), 1, Integer::sum);
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        groupsHolding.forEach((stratum, items) -> items.forEach((item, groups) -> {
            if (groups == 2) {
                out.computeIfAbsent(stratum, k -> new HashSet<>()).add(item);
            }
        }));
        return out;
    }

    private static List<Row> frequentAmongFlagged(Dataset<Row> stratum, Set<String> universal, DiscoveryParams p) {
        PrefixSpan miner = new PrefixSpan().setMinSupport(p.sequenceSupport()).setMaxPatternLength(p.maxPatternLength())
                .setSequenceCol(Sequences.SEQUENCE);
        Dataset<Row> mined = sample(stratum.where(col(Sequences.FLAGGED)), p);
        if (!universal.isEmpty()) {
            Column everywhere = array(universal.stream().sorted().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
            mined = mined.select(filter(transform(col(Sequences.SEQUENCE), items -> array_except(items, everywhere)),
                    items -> size(items).gt(0)).as(Sequences.SEQUENCE));
        }
        return miner.findFrequentSequentialPatterns(mined).collectAsList();
    }

    /** A mined sequence and the stratum it was mined in (by index). */
    private record Candidate(int stratum, List<List<String>> sequence) implements Serializable {
    }

    /** The group index of flagged children and of the others in the count arrays. */
    private static final int FLAGGED = 0;
    private static final int OTHERS = 1;

    /** Children by stratum, band and group ({@link #FLAGGED}, {@link #OTHERS}), possibly weighted by a resample. */
    private record Sizes(long[][][] n) implements Serializable {
        Sizes(int strata, int bands) {
            this(new long[strata][bands][2]);
        }

        long group(int stratum, int g) {
            long t = 0;
            for (long[] band : n[stratum]) {
                t += band[g];
            }
            return t;
        }
    }

    /**
     * The candidates that pass the thresholds, ranked: by the pooled difference in shares; ties go
     * to the longer, more specific pattern, so that a sequence ranks above the shorter ones it holds.
     * {@code held[i][band][group]} counts the children holding candidate i.
     */
    private static List<Pattern> ranked(List<Candidate> candidates, long[][][] held, Sizes sizes, DiscoveryParams p,
                                        List<String> strata) {
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            long xf = 0;
            long xo = 0;
            double weighted = 0;
            double weights = 0;
            for (int b = 0; b < held[i].length; b++) {
                xf += held[i][b][0];
                xo += held[i][b][1];
                long nf = sizes.n()[c.stratum()][b][0];
                long no = sizes.n()[c.stratum()][b][1];
                if (nf > 0 && no > 0) {
                    double w = (double) nf * no / (nf + no);
                    weighted += w * ((double) held[i][b][0] / nf - (double) held[i][b][1] / no);
                    weights += w;
                }
            }
            long nf = sizes.group(c.stratum(), FLAGGED);
            long no = sizes.group(c.stratum(), OTHERS);
            double sf = nf == 0 ? 0 : (double) xf / nf;
            double so = no == 0 ? 0 : (double) xo / no;
            double difference = weights > 0 ? weighted / weights : sf - so;
            if (sf >= p.sequenceSupport() && (so == 0 || sf / so >= p.minRatio()) && difference > 0) {
                out.add(new Pattern(strata.get(c.stratum()), c.sequence(), xf, xo, sf, so, difference,
                        Words.sequence(c.sequence(), p.granularity()), 0, Double.NaN));
            }
        }
        out.sort(Comparator.comparingDouble((Pattern x) -> -x.difference())
                .thenComparing(x -> -x.sequence().size())
                .thenComparing(x -> -x.sequence().stream().mapToInt(List::size).sum())
                .thenComparing(x -> x.stratum() + x.sequence()));
        return out;
    }

    /**
     * For each ranked sequence, the first sequence ranked above it that it resembles, or itself when
     * it resembles none listed before it. {@code together[i][j]} is how many flagged children hold both.
     */
    static int[] representatives(List<Pattern> ranked, long[][] together) {
        int[] rep = new int[ranked.size()];
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            rep[i] = i;
            for (int k : kept) {
                if (jaccard(ranked.get(i).flagged(), ranked.get(k).flagged(), together[i][k]) >= SIMILAR) {
                    rep[i] = k;
                    break;
                }
            }
            if (rep[i] == i) {
                kept.add(i);
            }
        }
        return rep;
    }

    /** The first {@code top} sequences that represent themselves, each with how many it represents. */
    static List<Pattern> distinct(List<Pattern> ranked, int[] representative, int top) {
        int[] similar = new int[ranked.size()];
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            if (representative[i] != i) {
                similar[representative[i]]++;
            } else {
                kept.add(i);
            }
        }
        return kept.stream().limit(top).map(k -> ranked.get(k).withSimilar(similar[k])).toList();
    }

    static double jaccard(long a, long b, long both) {
        long union = a + b - both;
        return union == 0 ? 0 : (double) both / union;
    }

    /**
     * Each reported finding's share of resamples in which it, or a sequence it represents, is among
     * the top list of that resample (ranked and made distinct as the full data is, with the full
     * data's overlaps).
     */
    private static List<Pattern> withStability(Counts counts, List<Pattern> pool, List<Candidate> candidates,
                                               int[] representative, List<Pattern> reported, List<String> strata,
                                               DiscoveryParams p) {
        Map<List<Object>, Integer> index = new HashMap<>();
        for (int i = 0; i < pool.size(); i++) {
            index.put(List.of(pool.get(i).stratum(), pool.get(i).sequence()), i);
        }
        int[] inTop = new int[pool.size()];
        for (int b = 0; b < p.resamples(); b++) {
            List<Pattern> again = ranked(candidates, counts.resampled()[b], counts.sizes()[b], p, strata);
            // The resample's order, each sequence still counted on the finding it belongs to in the full data.
            Set<Integer> findings = new HashSet<>();
            List<Integer> kept = new ArrayList<>();
            for (Pattern x : again) {
                int finding = representative[index.get(List.of(x.stratum(), x.sequence()))];
                if (findings.add(finding)) {
                    kept.add(finding);
                }
                if (kept.size() == p.topPatterns()) {
                    break;
                }
            }
            kept.forEach(f -> inTop[f]++);
        }
        List<Pattern> out = new ArrayList<>();
        for (Pattern x : reported) {
            out.add(x.withStability((double) inTop[index.get(List.of(x.stratum(), x.sequence()))] / p.resamples()));
        }
        return out;
    }

    static List<Set<String>> itemsets(List<Object> raw) {
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
        Column draw = sha2(concat_ws("|", lit(Long.toString(p.seed())), col(Columns.CASE_ID), col(Columns.SUBJECT_ID)), 256);
        return group.where(size(col(Sequences.SEQUENCE)).gt(0)).orderBy(draw).limit(p.miningSample()).select(Sequences.SEQUENCE);
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

    /**
     * Exact counts: {@code full[i][band][group]}, the children holding candidate i; for each of
     * {@code resamples} bootstrap resamples the same counts and the cell sizes, weighted;
     * and with {@code pairs}, {@code together[i][j]}, the flagged children holding both i and j.
     */
    private record Counts(long[][][] full, long[][][][] resampled, Sizes[] sizes, long[][] together) implements Serializable {
    }

    private static Counts count(Dataset<Row> sequences, List<Candidate> candidates, List<String> strata, List<String> bands,
                                int resamples, long seed, boolean pairs) {
        Counter counter = new Counter(candidates, strata, bands, resamples, seed, pairs);
        return sequences.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Sequences.FLAGGED),
                        col(Sequences.STRATUM), col(Sequences.BAND), col(Sequences.SEQUENCE))
                .toJavaRDD().mapPartitions(counter::call).treeReduce(ContrastPatterns::add);
    }

    private static Counts add(Counts a, Counts b) {
        addInto(a.full(), b.full());
        for (int i = 0; i < a.together().length; i++) {
            for (int j = 0; j < a.together()[i].length; j++) {
                a.together()[i][j] += b.together()[i][j];
            }
        }

        for (int r = 0; r < a.resampled().length; r++) {
            addInto(a.resampled()[r], b.resampled()[r]);
            addInto(a.sizes()[r].n(), b.sizes()[r].n());
        }
        return a;
    }

    private static void addInto(long[][][] a, long[][][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int g = 0; g < a[i][j].length; g++) {
                    a[i][j][g] += b[i][j][g];
                }
            }
        }
    }

    /** Counts, on an executor, which candidates each child's sequence holds, once and in every resample. */
    private record Counter(List<Candidate> candidates, List<String> strata, List<String> bands, int resamples, long seed,
                           boolean pairs) implements Serializable {
        Iterator<Counts> call(Iterator<Row> rows) {
            int n = candidates.size();
            long[][][] full = new long[n][bands.size()][2];
            long[][] together = new long[pairs ? n : 0][pairs ? n : 0];
            int[] held = new int[n];
            long[][][][] resampled = new long[resamples][n][bands.size()][2];
            Sizes[] sizes = new Sizes[resamples];
            for (int r = 0; r < resamples; r++) {
                sizes[r] = new Sizes(strata.size(), bands.size());
            }
            while (rows.hasNext()) {
                Row row = rows.next();
                int group = row.getBoolean(2) ? FLAGGED : OTHERS;
                int stratum = strata.indexOf(row.getString(3));
                int band = bands.indexOf(row.getString(4));
                List<Set<String>> sequence = itemsets(row.getList(5));
                int[] weights = resamples == 0 ? null : Resample.weights(seed, row.getString(0), row.getString(1), resamples);
                for (int r = 0; r < resamples; r++) {
                    sizes[r].n()[stratum][band][group] += weights[r];
                }
                int h = 0;
                for (int i = 0; i < n; i++) {
                    Candidate c = candidates.get(i);
                    if (c.stratum() == stratum && contains(sequence, c.sequence())) {
                        full[i][band][group]++;
                        for (int r = 0; r < resamples; r++) {
                            resampled[r][i][band][group] += weights[r];
                        }
                        held[h++] = i;
                    }
                }
                if (pairs && group == FLAGGED) {
                    for (int x = 0; x < h; x++) {
                        for (int y = 0; y < h; y++) {
                            together[held[x]][held[y]]++;
                        }
                    }
                }
            }
            return java.util.Collections.singletonList(new Counts(full, resampled, sizes, together)).iterator();
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
