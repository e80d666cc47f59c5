package org.chronolens.discover;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * Each child's chronology as a sequence of itemsets: one itemset per week or month holding the
 * {@code event_type:outcome} tokens recorded in it, in date order, with the child's stratum (its
 * plan status, see {@link Strata}) and age band. Family-level events count for every child of the
 * case, as in the rules. With {@code exclude_rule_items}, the events any rule's definition counts
 * (from the catalogue) are left out, so that what is mined is what the rules do not already look at;
 * the stratum is read before they are.
 */
final class Sequences {

    static final String STRATUM = "stratum";
    static final String BAND = "band";
    static final String FLAGGED = "flagged";
    static final String SEQUENCE = "sequence";

    private Sequences() {
    }

    /**
     * {@code case_id, subject_id, flagged, stratum, band, sequence: array<array<string>>} for every
     * child with events (a child all of whose events are left out has an empty sequence). {@code bands}
     * is null, or holds {@code subject_id} (and {@code case_id}) with each child's {@code band}.
     */
    static Dataset<Row> of(Dataset<Row> events, Dataset<Row> subjects, DiscoveryParams p, Dataset<Row> bands) {
        Column[] cols = {col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Columns.EVENT_DATE), col(Columns.EVENT_TYPE), col("outcome")};
        Dataset<Row> own = events.where(col(Columns.SUBJECT_ID).isNotNull()).select(cols);
        Dataset<Row> family = events.where(col(Columns.SUBJECT_ID).isNull()).drop(Columns.SUBJECT_ID)
                .join(subjects.select(Columns.CASE_ID, Columns.SUBJECT_ID), Columns.CASE_ID).select(cols);
        Dataset<Row> all = own.unionByName(family);
        String[] keys = {Columns.CASE_ID, Columns.SUBJECT_ID};
        Dataset<Row> strata = all.groupBy(Columns.CASE_ID, Columns.SUBJECT_ID).agg(Strata.planStratum(p.stratify()).as(STRATUM));
        Column token = when(col("outcome").isNull().or(col("outcome").equalTo("")), col(Columns.EVENT_TYPE))
                .otherwise(concat(col(Columns.EVENT_TYPE), lit(":"), col("outcome")));
        Dataset<Row> mined = p.excludeRuleItems() ? all.where(not(countedByARule(token))) : all;
        Dataset<Row> itemsets = mined
                .groupBy(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), date_trunc(p.granularity(), col(Columns.EVENT_DATE)).as("period"))
                .agg(array_sort(collect_set(token)).as("items"));
        Dataset<Row> sequences = itemsets.groupBy(Columns.CASE_ID, Columns.SUBJECT_ID)
                .agg(array_sort(collect_list(struct(col("period"), col("items")))).as("periods"));
        Dataset<Row> children = strata
                .join(subjects.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("flags").gt(0).as(FLAGGED)), keys)
                .join(sequences, toSeq(keys), "left");
        Column band = lit(Strata.NO_BAND);
        if (bands != null) {
            List<String> on = new ArrayList<>(List.of(Columns.SUBJECT_ID));
            if (Arrays.asList(bands.columns()).contains(Columns.CASE_ID)) {
                on.add(0, Columns.CASE_ID);
            }
            children = children.join(bands, toSeq(on.toArray(String[]::new)), "left");
            band = coalesce(col(BAND), lit(Strata.NO_BAND));
        }
        return children.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(FLAGGED), col(STRATUM), band.as(BAND),
                coalesce(expr("transform(periods, p -> p.items)"), expr("cast(array() as array<array<string>>)")).as(SEQUENCE));
    }

    /** The events the catalogue's rules count, as tokens ({@code type:outcome}) or whole types. */
    static Set<String> excluded() {
        Set<String> out = new TreeSet<>();
        for (RuleEntry e : Catalogue.standard().entries()) {
            out.addAll(e.counts());
        }
        return out;
    }

    private static Column countedByARule(Column token) {
        List<String> types = excluded().stream().filter(c -> !c.contains(":")).toList();
        List<String> tokens = excluded().stream().filter(c -> c.contains(":")).toList();
        return col(Columns.EVENT_TYPE).isin(types.toArray()).or(token.isin(tokens.toArray()));
    }

    private static scala.collection.immutable.Seq<String> toSeq(String... columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
    }
}
