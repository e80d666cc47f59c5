package org.chronolens.discover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;

/**
 * Flags that travel together: FPGrowth over each flagged child's set of fired rules, reported as
 * association rules with support (share of flagged children with all of them), confidence and lift.
 *
 * <p>A rule's supporters are the flagged children with all its flags. Rules whose supporters are
 * nearly the same children (Jaccard at least {@link ContrastPatterns#SIMILAR}) are one finding:
 * the simplest of them (fewest flags, then fewest on the left) is listed, with "and N similar".
 */
public final class CoOccurrence {

    /** "Children flagged for {@code antecedent} are also flagged for {@code consequent}". */
    public record Association(List<String> antecedent, List<String> consequent, double support, double confidence,
                       double lift, String words, int similar) {

        /** The flags its supporters all have. */
        List<String> items() {
            java.util.TreeSet<String> all = new java.util.TreeSet<>(antecedent);
            all.addAll(consequent);
            return List.copyOf(all);
        }

        Association withSimilar(int n) {
            return new Association(antecedent, consequent, support, confidence, lift, words, n);
        }
    }

    public record Result(long flaggedSubjects, List<Association> rules) {
    }

    private CoOccurrence() {
    }

    public static Result mine(Dataset<Row> subjects, DiscoveryParams p) {
        Dataset<Row> baskets = subjects.where(col("flags").gt(0))
                .select(array_sort(array_distinct(split(col("rules_fired"), ";"))).as("items"));
        long n = baskets.count();
        if (n == 0) {
            return new Result(0, List.of());
        }
        FPGrowthModel model = new FPGrowth().setItemsCol("items").setMinSupport(p.ruleSupport())
                .setMinConfidence(p.ruleConfidence()).fit(baskets);
        List<Association> out = new ArrayList<>();
        // Short rules only (one or two flags imply one more) that meet more often than chance: long
        // antecedents describe a handful of children and read as noise.
        for (Row r : model.associationRules().where(size(col("antecedent")).leq(2).and(col("lift").gt(1.0)))
                .collectAsList()) {
            List<String> a = sorted(r.getList(r.fieldIndex("antecedent")));
            List<String> c = sorted(r.getList(r.fieldIndex("consequent")));
            double confidence = r.getDouble(r.fieldIndex("confidence"));
            double lift = r.isNullAt(r.fieldIndex("lift")) ? Double.NaN : r.getDouble(r.fieldIndex("lift"));
            double support = r.getDouble(r.fieldIndex("support"));
            out.add(new Association(a, c, support, confidence, lift, String.format(java.util.Locale.ROOT,
                    "Of the children flagged for %s, %s are also flagged for %s (%.1f times as often as flagged "
                            + "children in general); %s of flagged children have all of them",
                    Words.rules(a), Words.pct(confidence), Words.rules(c), lift, Words.pct(support)), 0));
        }
        out.sort(Comparator.comparingDouble((Association x) -> -x.lift() * Math.sqrt(x.support()))
                .thenComparing(x -> x.antecedent().toString()).thenComparing(x -> x.consequent().toString()));
        List<Association> pool = out.subList(0, Math.min(out.size(), ContrastPatterns.POOL_PER_REPORTED * p.topPatterns()));
        return new Result(n, distinct(pool, overlaps(baskets, pool), n, p.topPatterns()));
    }

    /**
     * Groups the ranked rules by their supporters, in rank order: a rule joins the first group
     * whose first rule's supporters are nearly its own. Each group is listed once, at its first
     * rule's rank, by its simplest rule, with how many others it holds.
     */
    static List<Association> distinct(List<Association> ranked, long[][] together, long children, int top) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            long mine = Math.round(ranked.get(i).support() * children);
            List<Integer> joined = null;
            for (List<Integer> g : groups) {
                int first = g.get(0);
                long theirs = Math.round(ranked.get(first).support() * children);
                if (ContrastPatterns.jaccard(mine, theirs, together[i][first]) >= ContrastPatterns.SIMILAR) {
                    joined = g;
                    break;
                }
            }
            if (joined != null) {
                joined.add(i);
            } else {
                groups.add(new ArrayList<>(List.of(i)));
            }
        }
        Comparator<Integer> simplest = Comparator.comparingInt((Integer i) -> ranked.get(i).items().size())
                .thenComparingInt(i -> ranked.get(i).antecedent().size()).thenComparingInt(i -> i);
        return groups.stream().limit(top)
                .map(g -> ranked.get(g.stream().min(simplest).orElseThrow()).withSimilar(g.size() - 1)).toList();
    }

    /** Flagged children with all the flags of both of each pair of rules. */
    private static long[][] overlaps(Dataset<Row> baskets, List<Association> pool) {
        List<List<String>> items = pool.stream().map(Association::items).toList();
        return PairCounts.of(baskets.toJavaRDD(), items.size(), row -> {
            java.util.Set<String> basket = new java.util.HashSet<>();
            row.getList(0).forEach(x -> basket.add((String) x));
            return i -> basket.containsAll(items.get(i));
        });
    }

    private static List<String> sorted(List<Object> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add((String) i));
        out.sort(null);
        return List.copyOf(out);
    }
}
