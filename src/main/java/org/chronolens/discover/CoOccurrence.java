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
 */
public final class CoOccurrence {

    /** "Children flagged for {@code antecedent} are also flagged for {@code consequent}". */
    public record Association(List<String> antecedent, List<String> consequent, double support, double confidence,
                       double lift, String words) {
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
                    Words.rules(a), Words.pct(confidence), Words.rules(c), lift, Words.pct(support))));
        }
        out.sort(Comparator.comparingDouble((Association x) -> -x.lift() * Math.sqrt(x.support()))
                .thenComparing(x -> x.antecedent().toString()).thenComparing(x -> x.consequent().toString()));
        return new Result(n, List.copyOf(out.subList(0, Math.min(out.size(), p.topPatterns()))));
    }

    private static List<String> sorted(List<Object> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add((String) i));
        out.sort(null);
        return List.copyOf(out);
    }
}
