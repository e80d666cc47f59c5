package org.chronolens.detect.rules;

import static org.chronolens.detect.rules.RepeatClosureAndReReferral.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Severity;
import org.chronolens.detect.Theme;

/**
 * The rule as it was before the speed work of issue 26 (a copy, quadratic in a case's events):
 * the straightforward reference that {@link LinearRulesTest} checks the rewritten rule against.
 *
 * A case closed and re-referred again and again ("start again"), read over every event of the
 * case. In order, a {@code case_closed} becomes the pending closure; a {@code referral} dated after
 * it and at most {@code rereferral_days} later makes a cycle with it; every referral clears the
 * pending closure. Fires on {@code count} cycles whose referrals fall within {@code days}, at the
 * latest such referral; the flag belongs to the case (no subject). See docs/rules.md.
 */
final class QuadraticRepeatClosureAndReReferral extends CatalogueRule {


    private final int rereferralDays;
    private final int count;
    private final int days;

    QuadraticRepeatClosureAndReReferral(Params p) {
        super(ENTRY);
        this.rereferralDays = p.get(REREFERRAL_DAYS);
        this.count = p.get(COUNT);
        this.days = p.get(DAYS);
    }

    private record Cycle(Event closure, Event referral) {
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        List<Cycle> cycles = new ArrayList<>();
        Event pending = null;
        for (Event e : c.events()) {
            if (e.is("case_closed")) {
                pending = e;
            } else if (e.is("referral")) {
                if (pending != null && e.date().isAfter(pending.date())
                        && !e.date().isAfter(pending.date().plusDays(rereferralDays))) {
                    cycles.add(new Cycle(pending, e));
                }
                pending = null;
            }
        }
        for (int a = cycles.size() - 1; a >= 0; a--) {
            LocalDate end = cycles.get(a).referral().date();
            LocalDate from = end.minusDays(days - 1L);
            List<Cycle> in = cycles.stream().filter(k -> !k.referral().date().isBefore(from)
                    && !k.referral().date().isAfter(end)).toList();
            if (in.size() >= count) {
                return List.of(flag(c, in, end));
            }
        }
        return List.of();
    }

    private Flag flag(Chronology c, List<Cycle> in, LocalDate end) {
        LocalDate start = in.stream().map(k -> k.closure().date()).min(LocalDate::compareTo).orElseThrow();
        List<String> evidence = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (Cycle k : in) {
            evidence.add(k.closure().eventId());
            evidence.add(k.referral().eventId());
            words.add("closed " + k.closure().date() + ", re-referred " + k.referral().date());
        }
        String threshold = count + " within " + Counting.days(days) + ", each re-referral within "
                + Counting.days(rereferralDays) + " of its closure";
        String explanation = "The case was closed and re-referred " + in.size() + " times (" + String.join("; ", words)
                + ") (threshold: " + threshold + ")";
        return Flag.of(this, c.caseId(), null).window(start, end).metric(in.size(), threshold)
                .severity(Severity.ofCount(in.size(), count)).evidence(evidence).explaining(explanation);
    }
}
