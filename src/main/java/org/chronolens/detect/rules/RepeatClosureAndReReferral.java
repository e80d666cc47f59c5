package org.chronolens.detect.rules;

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
 * A case closed and re-referred again and again ("start again"), read over every event of the
 * case. In order, a {@code case_closed} becomes the pending closure; a {@code referral} dated after
 * it and at most {@code rereferral_days} later makes a cycle with it; every referral clears the
 * pending closure. Fires on {@code count} cycles whose referrals fall within {@code days}, at the
 * latest such referral; the flag belongs to the case (no subject). See docs/rules.md.
 */
public final class RepeatClosureAndReReferral extends CatalogueRule {

    public static final String ID = "repeat-closure-and-re-referral";

    static final Param<Integer> REREFERRAL_DAYS = Param.integer("rereferral_days",
            "how soon after a closure a referral counts as a re-referral, in days", 365, 1, 3650);
    static final Param<Integer> COUNT = Param.integer("count", "how many closures followed by re-referral make "
            + "the pattern", 2, 1, 1000);
    static final Param<Integer> DAYS = Param.integer("days", "within how many days, by the referrals' dates", 730, 1,
            7300);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Closed and re-referred again and again").theme(Theme.THRESHOLDS).scope(Scope.CASE)
            .measure("closures followed by a re-referral in the window")
            .description("Cases closed and re-referred again and again, each time starting again.")
            .params(REREFERRAL_DAYS, COUNT, DAYS).threshold(COUNT, DAYS).counts("case_closed", "referral")
            .build((p, built) -> new RepeatClosureAndReReferral(p));

    private final int rereferralDays;
    private final int count;
    private final int days;

    RepeatClosureAndReReferral(Params p) {
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
        // Cycles are in order of their referrals' dates: the window anchored at a cycle is one run
        // of them, and both its ends only move down as the anchor does (linear, not a pass per anchor).
        int lo = cycles.size();
        int hi = cycles.size() - 1;
        for (int a = cycles.size() - 1; a >= 0; a--) {
            LocalDate end = cycles.get(a).referral().date();
            LocalDate from = end.minusDays(days - 1L);
            while (cycles.get(hi).referral().date().isAfter(end)) {
                hi--;
            }
            while (lo > 0 && !cycles.get(lo - 1).referral().date().isBefore(from)) {
                lo--;
            }
            if (hi - lo + 1 >= count) {
                return List.of(flag(c, List.copyOf(cycles.subList(lo, hi + 1)), end));
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
