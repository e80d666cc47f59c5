package org.chronolens.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates one family's chronology: universal services (health appointments, advice,
 * prescriptions, contacts from school and others) for the whole period, the case's journey through
 * children's social care (referrals, assessments, conferences, plans with their statutory visits,
 * closures), routine outcomes drawn from the persona's rates, then the persona's planted patterns
 * and the case's system failures, each placed so that it meets the rule's default threshold (see
 * docs/generator.md). Everything is drawn from one random stream seeded per case, so a case does
 * not depend on any other.
 */
final class FamilyGenerator {

    record Family(List<GeneratedEvent> events, List<GroundTruth> truths) {
    }

    private static final List<String> CONTACT_AGENCIES = List.of("education", "early_help", "health", "housing");
    private static final List<String> REFERRERS = List.of("health", "police", "education");
    private static final List<String> REFERRERS_NOT_HEALTH = List.of("police", "education", "early_help");
    /** Share of routine appointments the service cancels, for every family. */
    private static final double SERVICE_CANCELS = 0.05;
    /** Share of cases recording plan events once for the family rather than per child. */
    private static final double FAMILY_LEVEL_PLANS = 0.3;

    private final Dice dice;
    private final String caseId;
    private final LocalDate end;
    private final List<GeneratedEvent> events = new ArrayList<>();
    private final Map<String, Set<String>> planted = new LinkedHashMap<>();
    private final Set<String> casePlanted = new LinkedHashSet<>();
    private final Map<String, Integer> streamCounters = new HashMap<>();
    private int seq;
    private boolean precursor;
    private Persona persona;
    private Persona.Rates rates;
    private LocalDate start;
    private List<String> children;
    private Journey journey;
    /** Conferences and reviews: the dates a disguised-compliance family prepares for. */
    private List<LocalDate> conferences;
    /** Child whose background appointments are all attended, so that its planted window is the latest. */
    private String quietChild;

    FamilyGenerator(SplittableRandom rnd, String caseId, LocalDate end) {
        this.dice = new Dice(rnd);
        this.caseId = caseId;
        this.end = end;
    }

    Family generate() {
        persona = Persona.draw(dice);
        rates = persona.rates();
        int n = dice.pick(45, 35, 20) + 1;
        children = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            children.add(caseId + "-C" + k);
            planted.put(caseId + "-C" + k, new LinkedHashSet<>());
        }
        boolean startAgain = dice.chance(rates.startAgain());
        start = end.minusDays(startAgain ? dice.between(560, 720) : dice.between(180, 720));
        boolean heldByHealth = persona == Persona.STRUGGLING && dice.chance(0.4);
        String firstChild = children.get(0);
        if (heldByHealth) {
            quietChild = firstChild;
        }
        double intoCare = persona == Persona.HOSTILE_OR_AVOIDANT ? 0.15 : 0;
        Journey.Draw draw = new Journey.Draw(dice, start, end, rates.protection(), intoCare,
                heldByHealth ? REFERRERS_NOT_HEALTH : REFERRERS);
        journey = startAgain ? draw.startAgain() : draw.usual();
        conferences = journey.scrutiny(end);
        if (startAgain) {
            casePlanted.add("repeat-closure-and-re-referral");
        }
        boolean familyLevelPlans = dice.chance(FAMILY_LEVEL_PLANS);
        for (Journey.Involvement involvement : journey.involvements()) {
            socialCare(involvement, familyLevelPlans);
        }
        for (String child : children) {
            healthOfChild(child);
        }
        familyContacts();
        plantPersona(firstChild, heldByHealth);
        if (dice.chance(0.08)) {
            plantAdviceNotFollowedUp(dice.pickOf(children));
        }
        // Drawn last, so that every event before it is the same with or without it.
        if (dice.chance(persona == Persona.ENGAGED ? Precursor.ENGAGED_SHARE : Precursor.FLAGGED_SHARE)) {
            plantPrecursor();
        }
        events.removeIf(e -> e.date().isAfter(end));
        events.sort(Comparator.comparing(GeneratedEvent::date).thenComparing(GeneratedEvent::eventId));
        return new Family(List.copyOf(events), truths());
    }

    // ---- social care ----------------------------------------------------------------------------

    private void socialCare(Journey.Involvement involvement, boolean familyLevelPlans) {
        LocalDate referral = involvement.referral();
        add(null, referral, null, involvement.referrer(), "referral", null, null, null, null);
        add(null, referral, null, involvement.referrer(), "information_shared", null, null, null, "social_care");
        if (involvement.protection()) {
            protectionProcess(involvement);
        } else {
            add(null, referral.plusDays(dice.between(10, 45)), null, "social_care", "assessment",
                    dice.chance(0.92) ? "completed" : "not_completed", null, null, null);
        }
        for (Journey.Plan plan : involvement.plans()) {
            planEvents(plan, familyLevelPlans);
        }
        visits(involvement);
        LocalDate until = involvement.closed() == null ? end : involvement.closed();
        for (LocalDate d = referral.plusDays(dice.between(20, 35)); d.isBefore(until); d = d.plusDays(dice.between(28, 35))) {
            add(null, d, null, "social_care", "engagement", engagementView(), null, null, null);
        }
        if (involvement.closed() != null) {
            add(null, involvement.closed(), null, "social_care", "case_closed", null, null, null, null);
        }
    }

    private void protectionProcess(Journey.Involvement involvement) {
        LocalDate strategy = involvement.referral().plusDays(dice.between(1, 4));
        List<String> attendees = new ArrayList<>(List.of("social_care", "health", "police"));
        if (dice.chance(0.4)) {
            attendees.add("education");
        }
        if (!casePlanted.contains("strategy-meeting-attendance") && dice.chance(0.10)) {
            attendees.remove(dice.chance(0.5) ? "health" : "police");
            casePlanted.add("strategy-meeting-attendance");
        }
        add(null, strategy, null, "social_care", "strategy_meeting", null, null, null, String.join(";", attendees));
        add(null, strategy.plusDays(dice.between(10, 30)), null, "social_care", "assessment", "completed",
                null, null, null);
        boolean drift = dice.chance(0.10);
        boolean escalatedLate = !drift && dice.chance(0.05);
        for (LocalDate c : involvement.conferences()) {
            add(null, c, null, "social_care", "cp_conference", null, null, null, null);
            action(c, drift, escalatedLate);
            drift &= !casePlanted.contains("action-drift-without-escalation");
            agreement(c.plusDays(dice.between(1, 3)));
        }
        if (involvement.plans().isEmpty()) {
            return; // referred too close to the end of the extract for the initial conference
        }
        Journey.Plan plan = involvement.plans().get(0);
        LocalDate planEnd = plan.end() == null ? end : plan.end();
        for (LocalDate d = plan.start().plusDays(dice.between(10, 20)); d.isBefore(planEnd); d = d.plusDays(dice.between(28, 42))) {
            add(null, d, null, "social_care", "core_group", null, null, null, "social_care;health;education");
        }
    }

    /** Plan events per child, or once for the family, and the plan's reviews. */
    private void planEvents(Journey.Plan plan, boolean familyLevel) {
        for (String child : familyLevel ? java.util.Collections.<String>singletonList(null) : children) {
            add(child, plan.start(), null, "social_care", "plan_started", plan.kind(), null, null, null);
            if (plan.end() != null) {
                add(child, plan.end(), null, "social_care", "plan_ended", plan.kind(), null, null, null);
            }
        }
        for (LocalDate r : plan.reviews(end)) {
            add(null, r, null, "social_care", "review", null, null, null, null);
        }
    }

    /**
     * Home visits while the case is open, as often as the plan of the day asks: a child on a
     * protection plan every 7-12 days (practice is at least every ten working days), a looked-after
     * child every 3-6 weeks (the regulations' six weeks), a child in need every 2-5 weeks, during
     * assessments every 1-3 weeks. A visit without seeing the child is followed by another within
     * days. A planted gap leaves one stretch of a plan without visits (worker off sick, case
     * reallocated): longer than the plan's limit, so the child is not seen in time.
     */
    private void visits(Journey.Involvement involvement) {
        LocalDate until = involvement.closed() == null ? end : involvement.closed();
        Map<Journey.Plan, LocalDate[]> gaps = new HashMap<>();
        for (Journey.Plan plan : involvement.plans()) {
            LocalDate planEnd = plan.end() == null ? end : plan.end();
            long length = ChronoUnit.DAYS.between(plan.start(), planEnd);
            boolean cp = Journey.CHILD_PROTECTION.equals(plan.kind());
            boolean la = Journey.LOOKED_AFTER.equals(plan.kind());
            if (cp && length >= 60 && dice.chance(0.12) || la && length >= 150 && dice.chance(0.25)) {
                int gap = cp ? dice.between(18, 30) : dice.between(50, 75);
                LocalDate from = dice.dateBetween(plan.start().plusDays(14), planEnd.minusDays(gap + 7));
                gaps.put(plan, new LocalDate[] {from, from.plusDays(gap)});
                children.forEach(c -> mark(c, List.of("child-on-plan-not-seen")));
            }
        }
        LocalDate d = involvement.referral().plusDays(dice.between(3, 10));
        while (d.isBefore(until)) {
            Journey.Plan plan = journey.planOn(d);
            LocalDate[] gap = plan == null ? null : gaps.get(plan);
            if (gap != null && !d.isBefore(gap[0]) && d.isBefore(gap[1])) {
                d = gap[1];
                gaps.remove(plan);
                continue;
            }
            String outcome = routine("home_visit", d, "child_seen", rates.notSeen(), this::notSeenOutcome);
            addTimed(null, d, "social_care", "home_visit", outcome);
            String kind = plan == null ? "" : plan.kind();
            boolean seen = "child_seen".equals(outcome);
            LocalDate next = d.plusDays(switch (kind) {
                case Journey.CHILD_PROTECTION -> seen ? dice.between(7, 12) : dice.between(1, 3);
                case Journey.LOOKED_AFTER -> seen ? dice.between(21, 40) : dice.between(2, 7);
                case Journey.CHILD_IN_NEED -> seen ? dice.between(14, 35) : dice.between(3, 10);
                default -> seen ? dice.between(7, 21) : dice.between(2, 7);
            });
            d = firstVisitOfAProtectionPlan(involvement, d, next);
        }
    }

    /** A child who comes onto a protection plan is visited within ten days of it, whatever the cadence before. */
    private LocalDate firstVisitOfAProtectionPlan(Journey.Involvement involvement, LocalDate last, LocalDate next) {
        for (Journey.Plan p : involvement.plans()) {
            if (Journey.CHILD_PROTECTION.equals(p.kind()) && p.start().isAfter(last) && p.start().isBefore(next)) {
                LocalDate first = p.start().plusDays(dice.between(1, 10));
                return first.isBefore(next) ? first : next;
            }
        }
        return next;
    }

    private void action(LocalDate conference, boolean drift, boolean escalatedLate) {
        LocalDate due = conference.plusDays(dice.between(28, 56));
        String agency = dice.chance(0.5) ? "health" : "social_care";
        String id = add(null, conference, null, agency, "action_agreed", null, null, due, null);
        boolean late = due.plusDays(14).isBefore(end.minusDays(7));
        if (drift && late) {
            casePlanted.add("action-drift-without-escalation");
            return;
        }
        if (escalatedLate && late) {
            add(null, due.plusDays(5), null, "health".equals(agency) ? "social_care" : "health", "escalation",
                    null, null, null, null);
            return;
        }
        add(null, due.plusDays(dice.between(-10, 7)), null, agency, "action_completed", null, id, null, null);
    }

    private void agreement(LocalDate made) {
        String id = add(null, made, null, "social_care", "agreement", "made", null, null, null);
        LocalDate then = made.plusDays(dice.between(20, 50));
        if (dice.chance(rates.breached())) {
            add(null, outsidePreScrutiny(then), null, "social_care", "agreement", "breached", id, null, null);
        } else {
            add(null, then, null, "social_care", "agreement", "kept", id, null, null);
        }
    }

    // ---- universal services ----------------------------------------------------------------------

    private void healthOfChild(String child) {
        for (LocalDate d = start.plusDays(dice.between(0, 28)); !d.isAfter(end); d = d.plusDays(dice.between(28, 56))) {
            String outcome = appointmentOutcome(child, d);
            if (dice.chance(0.5)) {
                addTimed(child, d, "health", "appointment", outcome);
            } else {
                add(child, d, null, "health", "appointment", outcome, null, null, null);
            }
        }
        int advice = dice.between(1, 3);
        for (int i = 0; i < advice; i++) {
            LocalDate given = dice.dateBetween(start, end);
            String id = add(child, given, null, "health", "medical_advice", null, null, null, null);
            LocalDate checked = given.plusDays(dice.between(14, 45));
            String outcome = routine("advice:" + child, checked, "adhered", rates.notAdhered(),
                    () -> dice.pickOf("partially_adhered", "not_adhered"));
            add(child, checked, null, "health", "advice_followup", outcome, dice.chance(0.9) ? id : null, null, null);
        }
        int medication = dice.between(0, 3);
        for (int i = 0; i < medication; i++) {
            LocalDate d = dice.dateBetween(start, end);
            add(child, d, null, "health", "medication",
                    routine("medication:" + child, d, "collected", rates.notCollected(), () -> "not_collected"),
                    null, null, null);
        }
    }

    private String appointmentOutcome(String child, LocalDate d) {
        if (child.equals(quietChild)) {
            return "attended";
        }
        Journey.Plan plan = journey.planOn(d);
        Persona.Rates r = plan != null && Journey.LOOKED_AFTER.equals(plan.kind()) ? Persona.ENGAGED.rates() : rates;
        if (persona == Persona.DISGUISED_COMPLIANCE && r == rates) {
            return routine("appointment:" + child, d, "attended", 1, () -> dice.pickOf("was_not_brought", "did_not_attend"));
        }
        double x = dice.stream().nextDouble();
        if (x < r.missed()) {
            return dice.chance(0.7) ? "was_not_brought" : "did_not_attend";
        }
        if (x < r.missed() + r.movedByFamily()) {
            return dice.pickOf("cancelled_by_family", "rescheduled_by_family");
        }
        return x < r.missed() + r.movedByFamily() + SERVICE_CANCELS ? "cancelled_by_service" : "attended";
    }

    private void familyContacts() {
        for (LocalDate d = start.plusDays(dice.between(0, 30)); !d.isAfter(end); d = d.plusDays(dice.between(30, 75))) {
            String agency = dice.pickOf(CONTACT_AGENCIES);
            add(null, d, null, agency, "contact", contactOutcome(agency, d), null, null, null);
        }
    }

    private String contactOutcome(String agency, LocalDate d) {
        if (persona == Persona.SELECTIVE) {
            // Carers who answer the school and avoid health.
            double p = switch (agency) {
                case "education" -> 0;
                case "health" -> 0.4;
                default -> rates.noResponse();
            };
            return dice.chance(p) ? "no_response" : "responded";
        }
        return routine("contact", d, "responded", rates.noResponse(), () -> "no_response");
    }

    // ---- planted patterns ------------------------------------------------------------------------

    private void plantPersona(String firstChild, boolean heldByHealth) {
        switch (persona) {
            case STRUGGLING -> plantMissedAppointments(firstChild, heldByHealth);
            case DISGUISED_COMPLIANCE -> plantDisguisedCompliance();
            case HOSTILE_OR_AVOIDANT -> plantHostility();
            case MEDICALLY_NON_ADHERENT -> plantNonAdherence(firstChild);
            case SELECTIVE -> plantSelectiveEngagement(firstChild);
            default -> { }
        }
    }

    /** Three appointments in a row not brought, 21 days apart: 3 within 43 days, a run of 3. */
    private void plantMissedAppointments(String child, boolean heldByHealth) {
        LocalDate d = dice.dateBetween(start.plusDays(30), end.minusDays(56));
        LocalDate from = d.minusDays(10);
        LocalDate to = d.plusDays(52);
        events.removeIf(e -> child.equals(e.subjectId()) && "appointment".equals(e.type())
                && !e.date().isBefore(from) && !e.date().isAfter(to));
        for (int i = 0; i < 3; i++) {
            add(child, d.plusDays(21L * i), null, "health", "appointment",
                    i == 1 ? "did_not_attend" : "was_not_brought", null, null, null);
        }
        mark(child, Persona.STRUGGLING.planted());
        if (heldByHealth) {
            events.removeIf(e -> "health".equals(e.agency())
                    && ("referral".equals(e.type()) || "information_shared".equals(e.type())));
            mark(child, List.of("pattern-held-by-one-agency"));
        } else {
            add(null, d.plusDays(44), null, "health", "information_shared", null, null, null, "social_care");
        }
    }

    /**
     * Contacts that go well in the three weeks before each conference, breached agreements and
     * superficial engagement at other times. The routine outcomes of this persona already go well
     * only before conferences and one time in three otherwise (see {@link #routine}).
     */
    private void plantDisguisedCompliance() {
        for (LocalDate c : conferences) {
            add(null, c.minusDays(12), null, "education", "contact", "responded", null, null, null);
            add(null, c.minusDays(6), null, "health", "contact", "responded", null, null, null);
        }
        LocalDate first = conferences.get(0);
        add(null, first.plusDays(30), null, "social_care", "engagement", "superficial", null, null, null);
        add(null, first.plusDays(60), null, "social_care", "engagement", "superficial", null, null, null);
        children.forEach(c -> mark(c, Persona.DISGUISED_COMPLIANCE.planted()));
    }

    private void plantHostility() {
        List<GeneratedEvent> visits = events.stream()
                .filter(e -> "home_visit".equals(e.type()) && e.date().isBefore(end.minusDays(40))).toList();
        GeneratedEvent a = dice.pickOf(visits);
        LocalDate second = a.date().plusDays(dice.between(14, 33));
        events.remove(a);
        addTimed(null, a.date(), "social_care", "home_visit", "no_access");
        addTimed(null, second, "social_care", "home_visit", "refused_entry");
        add(null, second.plusDays(3), null, "social_care", "engagement", "hostile", null, null, null);
        children.forEach(c -> mark(c, Persona.HOSTILE_OR_AVOIDANT.planted()));
    }

    private void plantNonAdherence(String child) {
        LocalDate a = dice.dateBetween(start, end.minusDays(90));
        for (int i = 0; i < 2; i++) {
            LocalDate given = a.plusDays(60L * i);
            String id = add(child, given, null, "health", "medical_advice", null, null, null, null);
            add(child, given.plusDays(20), null, "health", "advice_followup", "not_adhered", id, null, null);
        }
        mark(child, Persona.MEDICALLY_NON_ADHERENT.planted());
    }

    /**
     * Ninety days in which health hears nothing from the carers (a missed appointment, two
     * unanswered calls) while the school hears from them twice. The child's health events in those
     * days are cleared first, with any advice whose follow-up fell in them, so that none counts as
     * engagement with health; so are the school's contacts.
     */
    private void plantSelectiveEngagement(String child) {
        LocalDate from = dice.dateBetween(start.plusDays(30), end.minusDays(100));
        LocalDate to = from.plusDays(89);
        Set<String> advice = new java.util.HashSet<>();
        for (GeneratedEvent e : events) {
            if (child.equals(e.subjectId()) && "advice_followup".equals(e.type()) && within(e.date(), from, to)
                    && e.relatedEventId() != null) {
                advice.add(e.relatedEventId());
            }
        }
        removeWithReferences(e -> advice.contains(e.eventId())
                || within(e.date(), from, to) && (child.equals(e.subjectId()) && "health".equals(e.agency())
                || e.subjectId() == null && "contact".equals(e.type())
                && ("health".equals(e.agency()) || "education".equals(e.agency()))));
        add(child, from.plusDays(20), null, "health", "appointment", "was_not_brought", null, null, null);
        add(null, from.plusDays(50), null, "health", "contact", "no_response", null, null, null);
        add(null, to, null, "health", "contact", "no_response", null, null, null);
        add(null, from.plusDays(30), null, "education", "contact", "responded", null, null, null);
        add(null, from.plusDays(65), null, "education", "contact", "responded", null, null, null);
        mark(child, Persona.SELECTIVE.planted());
    }

    /** Advice never checked; the child's unlinked follow-ups are dropped so that none covers it by date. */
    private void plantAdviceNotFollowedUp(String child) {
        LocalDate given = dice.dateBetween(start, end.minusDays(61));
        events.removeIf(e -> child.equals(e.subjectId()) && "advice_followup".equals(e.type())
                && e.relatedEventId() == null);
        add(child, given, null, "health", "medical_advice", null, null, null, null);
        mark(child, List.of("advice-not-followed-up"));
    }

    /**
     * The precursor no rule looks for (see {@link Precursor}): a move of home, a month later a change
     * of school and an unanswered call, two months after the move a missed health appointment for
     * each child. Placed at the start of the chronology, before the persona's planted patterns, and
     * kept out of their way: outside the weeks before a conference (disguised compliance) and
     * without the school going unanswered for carers who answer the school (selective engagement);
     * the child whose planted window must be its only one (held by one agency) misses nothing.
     */
    private void plantPrecursor() {
        LocalDate moved = start.plusDays(dice.between(0, 20));
        add(null, moved, null, "housing", "other", Precursor.MOVED_HOME, null, null, null);
        LocalDate school = moved.plusDays(dice.between(25, 40));
        add(null, school, null, "education", "other", Precursor.CHANGED_SCHOOL, null, null, null);
        add(null, outsidePreScrutiny(school.plusDays(dice.between(3, 10))), null,
                persona == Persona.SELECTIVE ? "health" : "education", "contact", "no_response", null, null, null);
        LocalDate missed = moved.plusDays(dice.between(62, 85));
        for (String child : children) {
            if (!child.equals(quietChild)) {
                add(child, outsidePreScrutiny(missed), null, "health", "appointment", "was_not_brought", null, null, null);
            }
        }
        precursor = true;
    }

    // ---- outcomes --------------------------------------------------------------------------------

    /**
     * The outcome of a routine event: negative at the persona's rate. For disguised compliance:
     * positive in the 21 days before a conference, otherwise positive one time in three per
     * stream, so that the pattern holds by construction rather than by chance.
     */
    private String routine(String stream, LocalDate date, String positive, double negativeRate,
                           java.util.function.Supplier<String> negative) {
        if (persona == Persona.DISGUISED_COMPLIANCE) {
            if (inPreScrutiny(date)) {
                return positive;
            }
            int n = streamCounters.merge(stream, 1, Integer::sum);
            return n % 3 == 0 ? positive : negative.get();
        }
        return dice.chance(negativeRate) ? negative.get() : positive;
    }

    private String notSeenOutcome() {
        return persona == Persona.DISGUISED_COMPLIANCE ? dice.pickOf("no_access", "child_not_seen")
                : dice.pickOf("no_access", "child_not_seen", "cancelled_by_family");
    }

    private boolean inPreScrutiny(LocalDate date) {
        return outsidePreScrutiny(date) != date;
    }

    /** The date itself, or the conference whose three weeks before it the date falls in. */
    private LocalDate outsidePreScrutiny(LocalDate date) {
        for (LocalDate c : conferences) {
            if (!date.isBefore(c.minusDays(21)) && date.isBefore(c)) {
                return c;
            }
        }
        return date;
    }

    private String engagementView() {
        if (!dice.chance(rates.superficial())) {
            return "meaningful";
        }
        return persona == Persona.ENGAGED ? "superficial" : dice.pickOf("superficial", "avoidant");
    }

    private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private String add(String subject, LocalDate date, String time, String agency, String type, String outcome,
                       String related, LocalDate due, String attendees) {
        String id = caseId + "-E" + String.format(Locale.ROOT, "%04d", ++seq);
        events.add(new GeneratedEvent(caseId, subject, id, date, time, agency, type, outcome, related, due,
                attendees, Notes.of(dice.stream(), type, outcome)));
        return id;
    }

    private void addTimed(String subject, LocalDate date, String agency, String type, String outcome) {
        String time = String.format(Locale.ROOT, "%02d:%02d", dice.between(9, 17), 15 * dice.between(0, 3));
        add(subject, date, time, agency, type, outcome, null, null, null);
    }

    /** Removes the matching events and any event that names one of them, so that no reference dangles. */
    private void removeWithReferences(java.util.function.Predicate<GeneratedEvent> drop) {
        Set<String> gone = new java.util.HashSet<>();
        events.removeIf(e -> drop.test(e) && gone.add(e.eventId()));
        events.removeIf(e -> e.relatedEventId() != null && gone.contains(e.relatedEventId()));
    }

    private void mark(String child, List<String> rules) {
        planted.get(child).addAll(rules);
    }

    private List<GroundTruth> truths() {
        List<GroundTruth> out = new ArrayList<>();
        String planted = precursor ? Precursor.NAME : null;
        this.planted.forEach((child, rules) -> out.add(new GroundTruth(caseId, child, persona.code(), List.copyOf(rules),
                planted)));
        if (!casePlanted.isEmpty()) {
            out.add(new GroundTruth(caseId, null, persona.code(), List.copyOf(casePlanted), planted));
        }
        return out;
    }
}
