package org.chronolens.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's path through children's social care, as dates only: each referral, whether it led to
 * child protection, its conferences, the plans that followed and when the case was closed. The
 * family generator turns it into events; the shares and lengths are public figures where there
 * are any (docs/generator.md).
 *
 * @param involvements in date order; each starts with a referral
 */
record Journey(List<Involvement> involvements) {

    static final String CHILD_IN_NEED = "child_in_need";
    static final String CHILD_PROTECTION = "child_protection";
    static final String LOOKED_AFTER = "looked_after";

    /** A plan episode; {@code end} is null when the plan is still open at the end of the extract. */
    record Plan(String kind, LocalDate start, LocalDate end) {
        boolean covers(LocalDate date) {
            return !date.isBefore(start) && (end == null || date.isBefore(end));
        }

        /**
         * Reviews of a looked-after child's care plan, up to {@code until}: at 20 days, three
         * months, then every six months. Other plans are reviewed at conferences or not at all.
         */
        List<LocalDate> reviews(LocalDate until) {
            if (!LOOKED_AFTER.equals(kind)) {
                return List.of();
            }
            LocalDate last = end == null ? until : end;
            List<LocalDate> out = new ArrayList<>();
            for (LocalDate r = start.plusDays(20); !r.isAfter(last);
                 r = r.equals(start.plusDays(20)) ? start.plusDays(90) : r.plusDays(180)) {
                out.add(r);
            }
            return out;
        }
    }

    /**
     * One period of involvement: from a referral to the case's closure ({@code closed} null when
     * still open at the end of the extract).
     */
    record Involvement(LocalDate referral, String referrer, boolean protection, List<LocalDate> conferences,
                       List<Plan> plans, LocalDate closed) {
        boolean open(LocalDate date) {
            return !date.isBefore(referral) && (closed == null || date.isBefore(closed));
        }
    }

    /** The plan covering a date, if any (plans of a case never overlap). */
    Plan planOn(LocalDate date) {
        for (Involvement i : involvements) {
            for (Plan p : i.plans()) {
                if (p.covers(date)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Conferences and reviews: every date at which the case is looked at by others. */
    List<LocalDate> scrutiny(LocalDate until) {
        List<LocalDate> out = new ArrayList<>();
        for (Involvement i : involvements) {
            out.addAll(i.conferences());
            i.plans().forEach(p -> out.addAll(p.reviews(until)));
        }
        return out;
    }

    /** Draws a journey; the settings say what the persona and the planted patterns need of it. */
    static final class Draw {

        /** The chance that a closed case is re-referred within 12 months (DfE, 2024: 22 %). */
        static final double RE_REFERRAL = 0.22;
        private static final int MAX_INVOLVEMENTS = 4;

        private final Dice dice;
        private final LocalDate start;
        private final LocalDate end;
        private final double protection;
        private final double intoCare;
        private final List<String> referrers;

        Draw(Dice dice, LocalDate start, LocalDate end, double protection, double intoCare, List<String> referrers) {
            this.dice = dice;
            this.start = start;
            this.end = end;
            this.protection = protection;
            this.intoCare = intoCare;
            this.referrers = referrers;
        }

        /** The usual path: one involvement, and after a closure a re-referral at the national rate. */
        Journey usual() {
            List<Involvement> out = new ArrayList<>();
            LocalDate referral = start.plusDays(dice.between(3, 20));
            boolean first = true;
            while (referral != null && out.size() < MAX_INVOLVEMENTS) {
                Involvement i = involvement(referral, first ? dice.chance(protection) : dice.chance(protection / 2));
                out.add(i);
                first = false;
                referral = null;
                if (i.closed() != null && dice.chance(RE_REFERRAL)) {
                    LocalDate next = i.closed().plusDays(dice.between(30, 365));
                    referral = next.isAfter(end.minusDays(14)) ? null : next;
                }
            }
            return new Journey(List.copyOf(out));
        }

        /**
         * "Start again": two short involvements closed and each re-referred within months, then
         * the usual course. Needs about 540 days before {@code end}; the caller gives that.
         */
        Journey startAgain() {
            List<Involvement> out = new ArrayList<>();
            LocalDate referral = start.plusDays(dice.between(3, 20));
            for (int k = 0; k < 2; k++) {
                Involvement brief = brief(referral);
                out.add(brief);
                referral = brief.closed().plusDays(dice.between(30, 150));
            }
            out.add(involvement(referral, dice.chance(protection)));
            return new Journey(List.copyOf(out));
        }

        private Involvement brief(LocalDate referral) {
            LocalDate closed = referral.plusDays(dice.between(50, 110));
            List<Plan> plans = dice.chance(0.6)
                    ? List.of(new Plan(CHILD_IN_NEED, referral.plusDays(dice.between(14, 30)), closed))
                    : List.of();
            return new Involvement(referral, dice.pickOf(referrers), false, List.of(), plans, closed);
        }

        private Involvement involvement(LocalDate referral, boolean childProtection) {
            String referrer = dice.pickOf(referrers);
            List<Plan> plans = new ArrayList<>();
            List<LocalDate> conferences = new ArrayList<>();
            LocalDate closed;
            if (childProtection) {
                LocalDate initial = referral.plusDays(dice.between(11, 19));
                LocalDate planEnd = initial.plusDays(protectionPlanDays());
                conferences.add(initial);
                // Reviews three months after the initial conference, then every six months; the
                // plan ends at a review, brought forward when the plan ends between them.
                for (LocalDate r = initial.plusDays(90); r.isBefore(planEnd); r = r.plusDays(180)) {
                    conferences.add(r);
                }
                boolean ended = !planEnd.isAfter(end);
                if (ended && !conferences.contains(planEnd)) {
                    conferences.add(planEnd);
                }
                plans.add(new Plan(CHILD_PROTECTION, initial, ended ? planEnd : null));
                closed = null;
                if (ended) {
                    if (dice.chance(intoCare)) {
                        plans.add(new Plan(LOOKED_AFTER, planEnd, null));
                    } else if (dice.chance(0.6)) {
                        LocalDate stepDownEnd = planEnd.plusDays(dice.between(90, 270));
                        plans.add(new Plan(CHILD_IN_NEED, planEnd, stepDownEnd));
                        closed = stepDownEnd.plusDays(dice.between(0, 21));
                    } else {
                        closed = planEnd.plusDays(dice.between(7, 30));
                    }
                }
            } else {
                LocalDate assessed = referral.plusDays(dice.between(10, 45));
                if (dice.chance(0.55)) {
                    LocalDate planStart = assessed.plusDays(dice.between(0, 14));
                    LocalDate planEnd = planStart.plusDays(dice.between(90, 365));
                    plans.add(new Plan(CHILD_IN_NEED, planStart, planEnd));
                    closed = planEnd.plusDays(dice.between(0, 21));
                } else {
                    closed = assessed.plusDays(dice.between(5, 30));
                }
            }
            if (closed != null && closed.isAfter(end)) {
                closed = null;
            }
            List<Plan> clipped = plans.stream().filter(p -> !p.start().isAfter(end))
                    .map(p -> p.end() != null && p.end().isAfter(end) ? new Plan(p.kind(), p.start(), null) : p)
                    .toList();
            return new Involvement(referral, referrer, childProtection, List.copyOf(conferences), clipped, closed);
        }

        /**
         * Length of a child protection plan, drawn from the lengths of the plans that ended in
         * England in the year to 31 March 2025 (DfE, Children in need, table D7): under 3 months
         * 15.9 %, 3 to 6 months 11.0 %, 6 to 12 months 43.5 %, 1 to 2 years 25.2 %, 2 years or more 4.4 %.
         */
        private int protectionPlanDays() {
            return switch (dice.pick(159, 110, 435, 252, 44)) {
                case 0 -> dice.between(45, 91);
                case 1 -> dice.between(92, 182);
                case 2 -> dice.between(183, 365);
                case 3 -> dice.between(366, 730);
                default -> dice.between(731, 900);
            };
        }
    }
}
