package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.chronolens.detect.Chronologies;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Params;
import org.chronolens.detect.Rule;
import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.Window;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules rewritten to be near-linear in a case's events (issue 26: one giant case) raise
 * exactly the flags they raised before: each is checked against its previous, quadratic code
 * ({@code Quadratic*}, kept as the straightforward reference) on random chronologies of many
 * subjects, agencies, references and densities, at its default and at random parameters.
 */
class LinearRulesTest {

    private static final String[] AGENCIES = {"social_care", "health", "education", "police", "early_help", "housing"};

    private static final String[][] KINDS = {
            {"appointment", "attended", "was_not_brought", "did_not_attend", "cancelled_by_family",
                    "rescheduled_by_family", "cancelled_by_service"},
            {"home_visit", "child_seen", "child_not_seen", "no_access", "refused_entry", "cancelled_by_family"},
            {"contact", "responded", "no_response"},
            {"advice_followup", "adhered", "not_adhered", "partially_adhered"},
            {"medication", "collected", "not_collected"},
            {"agreement", "made", "kept", "breached"},
            {"engagement", "superficial", "avoidant", "hostile"},
            {"medical_advice", null},
            {"action_agreed", null},
            {"action_completed", null},
            {"escalation", null},
            {"cp_conference", null},
            {"review", null},
            {"core_group", null},
            {"strategy_meeting", null},
            {"plan_started", "child_protection", "looked_after", "child_in_need"},
            {"plan_ended", "child_protection", "looked_after", "child_in_need"},
            {"case_closed", null},
            {"referral", null},
            {"information_shared", null}};

    /** A random chronology: {@code size} events over {@code span} days, up to three children and family-level events. */
    static List<Event> random(SplittableRandom rnd, int size, int span) {
        List<Event> out = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> agreements = new ArrayList<>();
        LocalDate first = LocalDate.of(2024, 1, 1);
        int children = 1 + rnd.nextInt(3);
        for (int i = 0; i < size; i++) {
            // Sorted dates in general, with some drawn at random: references may point forwards.
            int day = rnd.nextInt(4) == 0 ? rnd.nextInt(span) : (int) ((long) i * span / size);
            String[] k = KINDS[rnd.nextInt(KINDS.length)];
            String outcome = k.length == 1 || k[1] == null ? null : k[1 + rnd.nextInt(k.length - 1)];
            String subject = rnd.nextInt(4) == 0 ? null : "C" + (1 + rnd.nextInt(children));
            String id = String.format("E%04d", i);
            Event e = Event.of("F1", subject, id, first.plusDays(day).toString(),
                    AGENCIES[rnd.nextInt(rnd.nextBoolean() ? 2 : AGENCIES.length)], k[0], outcome);
            switch (k[0]) {
                case "medical_advice" -> advice.add(id);
                case "action_agreed" -> {
                    actions.add(id);
                    e = e.withDue(e.date().plusDays(rnd.nextInt(40) - 5).toString());
                }
                case "agreement" -> {
                    if ("made".equals(outcome)) {
                        agreements.add(id);
                    } else if ("breached".equals(outcome) && !agreements.isEmpty() && rnd.nextBoolean()) {
                        e = e.withRelated(agreements.get(rnd.nextInt(agreements.size())));
                    }
                }
                case "advice_followup" -> {
                    if (!advice.isEmpty() && rnd.nextBoolean()) {
                        e = e.withRelated(advice.get(rnd.nextInt(advice.size())));
                    }
                }
                case "action_completed" -> {
                    if (!actions.isEmpty()) {
                        e = e.withRelated(actions.get(rnd.nextInt(actions.size())));
                    }
                }
                case "strategy_meeting" -> e = e.withAttendees(List.of(AGENCIES).subList(0, rnd.nextInt(4)));
                default -> { }
            }
            if (rnd.nextInt(4) == 0) {
                e = e.withTime(String.format("%02d:%02d:00", rnd.nextInt(24), 15 * rnd.nextInt(4)));
            }
            out.add(e);
        }
        return out;
    }

    /** Chronologies sparse and dense, short and long; the as-of date sometimes inside them. */
    private static List<Chronology> chronologies() {
        List<Chronology> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(26);
        for (int i = 0; i < 300; i++) {
            int size = 5 + rnd.nextInt(i % 10 == 0 ? 600 : 120);
            int span = 10 + rnd.nextInt(i % 3 == 0 ? 120 : 900);
            LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(3) == 0 ? rnd.nextInt(span) : span + 30);
            out.add(Chronology.of("F1", asOf, random(rnd, size, span)));
        }
        return out;
    }

    private static final List<Chronology> CHRONOLOGIES = chronologies();

    /** Default parameters, then random ones for the given integer keys (each within its range). */
    private static List<Map<String, Object>> configs(String id, Object[][] ranges) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(Map.of());
        SplittableRandom rnd = new SplittableRandom(id.hashCode());
        for (int i = 0; i < 6; i++) {
            Map<String, Object> given = new java.util.LinkedHashMap<>();
            for (Object[] r : ranges) {
                given.put((String) r[0], (int) r[1] + rnd.nextInt((int) r[2] - (int) r[1] + 1));
            }
            out.add(given);
        }
        return out;
    }

    private static void same(String id, Object[][] ranges, Function<Params, Rule> reference) {
        int flags = 0;
        for (Map<String, Object> given : configs(id, ranges)) {
            RuleSet set = Catalogue.standard().build(RuleConfig.of(Map.of(id, given)));
            Rule rule = set.find(id).orElseThrow();
            Rule before = reference.apply(set.params(id).orElseThrow());
            for (Chronology c : CHRONOLOGIES) {
                List<Flag> expected = before.evaluate(c);
                assertEquals(expected, rule.evaluate(c), id + " " + given + " on " + c.events().size() + " events");
                flags += expected.size();
            }
        }
        assertTrue(flags > 50, id + ": the chronologies raise flags to compare: " + flags);
    }

    @Test
    void agreementNotFollowedThrough() {
        same(AgreementNotFollowedThrough.ID, new Object[][] {{"count", 1, 4}, {"days", 1, 400},
                {"followthrough_days", 1, 60}, {"non_engagement_count", 1, 3}}, QuadraticAgreementNotFollowedThrough::new);
    }

    @Test
    void adviceNotFollowedUp() {
        same(AdviceNotFollowedUp.ID, new Object[][] {{"count", 1, 3}, {"followup_days", 0, 90}},
                QuadraticAdviceNotFollowedUp::new);
    }

    @Test
    void selectiveEngagement() {
        same(SelectiveEngagement.ID, new Object[][] {{"days", 1, 200}, {"min_disengaged", 1, 3},
                {"min_engaged", 1, 3}}, QuadraticSelectiveEngagement::new);
    }

    @Test
    void actionDriftWithoutEscalation() {
        same(ActionDriftWithoutEscalation.ID, new Object[][] {{"grace_days", 0, 30}},
                QuadraticActionDriftWithoutEscalation::new);
    }

    @Test
    void complianceAroundScrutiny() {
        same(ComplianceAroundScrutiny.ID, new Object[][] {{"pre_days", 1, 60}, {"pre_min_events", 1, 3},
                {"baseline_min_events", 1, 4}}, QuadraticComplianceAroundScrutiny::new);
    }

    @Test
    void childOnPlanNotSeen() {
        same(ChildOnPlanNotSeen.ID, new Object[][] {{"child_protection_days", 0, 30}, {"looked_after_days", 0, 60},
                {"child_in_need_days", 0, 60}}, QuadraticChildOnPlanNotSeen::new);
    }

    @Test
    void repeatClosureAndReReferral() {
        same(RepeatClosureAndReReferral.ID, new Object[][] {{"rereferral_days", 1, 200}, {"count", 1, 3},
                {"days", 1, 400}}, QuadraticRepeatClosureAndReReferral::new);
    }

    @Test
    void consecutiveMissedAppointments() {
        same(ConsecutiveMissedAppointments.ID, new Object[][] {{"min_run", 2, 4}}, QuadraticConsecutiveMissedAppointments::new);
    }

    /** The subjects' "advice followed up" denominator, asked through the index instead of a pass per advice. */
    @Test
    void followedUpAnswersAsBeforeForEveryAdvice() {
        int asked = 0;
        for (Map<String, Object> given : configs(AdviceNotFollowedUp.ID, new Object[][] {{"followup_days", 0, 90}})) {
            RuleSet set = Catalogue.standard().build(RuleConfig.of(Map.of(AdviceNotFollowedUp.ID, given)));
            AdviceNotFollowedUp rule = (AdviceNotFollowedUp) set.find(AdviceNotFollowedUp.ID).orElseThrow();
            QuadraticAdviceNotFollowedUp before = new QuadraticAdviceNotFollowedUp(set.params(AdviceNotFollowedUp.ID).orElseThrow());
            for (Chronology c : CHRONOLOGIES) {
                for (String subject : c.subjects()) {
                    AdviceNotFollowedUp.FollowUps followUps = rule.followUps(c, subject);
                    for (Event e : c.eventsOf(subject)) {
                        if (e.is("medical_advice")) {
                            assertEquals(before.followedUp(e, c, subject), followUps.followedUp(e), e.toString());
                            asked++;
                        }
                    }
                }
            }
        }
        assertTrue(asked > 1000, "advice asked about: " + asked);
    }

    /** Window.latest (the count rules' windows) against the spec read literally, on lists in date order. */
    @Test
    void latestWindowIsTheOneTheSpecReadLiterallyFinds() {
        SplittableRandom rnd = new SplittableRandom(5);
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            List<Event> events = Chronology.of("F1", Chronologies.AS_OF,
                    random(rnd, rnd.nextInt(60), 1 + rnd.nextInt(400))).events();
            int n = 1 + rnd.nextInt(6);
            int days = 1 + rnd.nextInt(120);
            Optional<Window> expected = literalLatest(events, n, days);
            assertEquals(expected, Window.latest(events, n, days), n + " in " + days + " days");
            assertEquals(expected.isPresent(), Window.exists(events, n, days));
            found += expected.isPresent() ? 1 : 0;
        }
        assertTrue(found > 500 && found < 2900, "windows found: " + found);
    }

    /** The window as the spec words it and Window.latest computed it before issue 26: quadratic. */
    private static Optional<Window> literalLatest(List<Event> qualifying, int n, int days) {
        for (int a = qualifying.size() - 1; a >= 0; a--) {
            LocalDate end = qualifying.get(a).date();
            LocalDate from = end.minusDays(days - 1L);
            List<Event> in = new ArrayList<>();
            for (Event e : qualifying) {
                if (!e.date().isBefore(from) && !e.date().isAfter(end)) {
                    in.add(e);
                }
            }
            if (in.size() >= n) {
                LocalDate start = in.stream().map(Event::date).min(LocalDate::compareTo).orElseThrow();
                return Optional.of(new Window(start, end, in));
            }
        }
        return Optional.empty();
    }
}
