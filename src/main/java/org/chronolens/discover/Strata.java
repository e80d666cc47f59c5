package org.chronolens.discover;

import java.util.List;

import org.apache.spark.sql.Column;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * The groups within which flagged children are compared with the others, so that a sequence is not
 * reported only because flagged children are more often on plans (where more is recorded and the
 * rules have more to see). A child's plan status is the highest plan it was on at any time in the
 * chronology: a child protection plan (or care), a child in need plan, or none. Where cohorts give
 * an age band, the comparison within a plan status is also made within age bands, and pooled.
 */
public final class Strata {

    /** One stratum: its key in the outputs and how the page names it. */
    public record Stratum(String key, String words) {
    }

    public static final Stratum ALL = new Stratum("all", "all children");
    public static final List<Stratum> PLAN = List.of(
            new Stratum("child_protection", "children on a child protection plan (or in care) at some time"),
            new Stratum("child_in_need", "children on a child in need plan, never a protection plan"),
            new Stratum("no_plan", "children on no plan"));

    /** A stratum with fewer flagged children, or fewer others, than this is not compared. */
    public static final int MIN_CHILDREN = 10;

    /** The cohorts column whose categories the comparison is also made within. */
    public static final String AGE_BAND = "age_band";

    /** The band of a child without one (no cohorts file, or the child not in it). */
    static final String NO_BAND = "";

    private Strata() {
    }

    /** The strata compared: the plan statuses, or all children as one. */
    static List<Stratum> of(boolean stratify) {
        return stratify ? PLAN : List.of(ALL);
    }

    static Stratum byKey(String key) {
        return key.equals(ALL.key()) ? ALL : PLAN.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    /**
     * A child's stratum from its events (its own and its family's): the highest plan it started,
     * aggregated over the child's events.
     */
    static Column planStratum(boolean stratify) {
        if (!stratify) {
            return lit(ALL.key());
        }
        Column started = col(Columns.EVENT_TYPE).equalTo("plan_started");
        Column rank = max(when(started.and(col("outcome").isin("child_protection", "looked_after")), 2)
                .when(started.and(col("outcome").equalTo("child_in_need")), 1).otherwise(0));
        return when(rank.equalTo(2), PLAN.get(0).key()).when(rank.equalTo(1), PLAN.get(1).key())
                .otherwise(PLAN.get(2).key());
    }
}
