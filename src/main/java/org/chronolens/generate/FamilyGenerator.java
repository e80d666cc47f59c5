package org.chronolens.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates one family's chronology: a background of routine multi-agency work whose outcomes
 * follow the carers' persona, then the persona's planted patterns and the case's system failures,
 * each placed so that it meets the rule's default threshold (see docs/generator.md). Everything
 * is drawn from one random stream seeded per case, so a case does not depend on any other.
 */
final class FamilyGenerator {

    record Family(List<GeneratedEvent> events, List<GroundTruth> truths) {
    }

    private static final String[] CONTACT_AGENCIES = {"education", "early_help", "health", "housing"};
    private static final String[] REFERRERS = {"health", "police", "education"};

    private final SplittableRandom rnd;
    private final String caseId;
    private final LocalDate end;
    private final List<GeneratedEvent> events = new ArrayList<>();
    private final Map<String, Set<String>> planted = new LinkedHashMap<>();
    private final Set<String> casePlanted = new LinkedHashSet<>();
    private final Map<String, Integer> streamCounters = new HashMap<>();
    private final List<LocalDate> conferences = new ArrayList<>();
    private int seq;
    private Persona persona;
    private LocalDate start;
    private List<String> children;
    /** Child whose background appointments are all attended, so that its planted window is the latest. */
    private String quietChild;

    FamilyGenerator(SplittableRandom rnd, String caseId, LocalDate end) {
        this.rnd = rnd;
        this.caseId = caseId;
        this.end = end;
    }

    Family generate() {
        persona = Persona.draw(rnd);
        int n = pick(new int[] {45, 35, 20}) + 1;
        children = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            children.add(caseId + "-C" + k);
            planted.put(caseId + "-C" + k, new LinkedHashSet<>());
        }
        start = end.minusDays(180 + rnd.nextInt(541));
        boolean cp = switch (persona) {
            case DISGUISED_COMPLIANCE, HOSTILE_OR_AVOIDANT -> true;
            case ENGAGED -> chance(0.25);
            default -> chance(0.9);
        };
        boolean heldByHealth = persona == Persona.STRUGGLING && chance(0.4);
        String missedChild = children.get(0);
        if (heldByHealth) {
            quietChild = missedChild;
        }
        if (cp) {
            protectionProcess();
        }
        for (String child : children) {
            healthOfChild(child);
        }
        familyContacts();
        plantPersona(missedChild, heldByHealth);
        if (chance(0.08)) {
            plantAdviceNotFollowedUp(children.get(rnd.nextInt(children.size())));
        }
        if (!cp && chance(0.3)) {
            add(null, end.minusDays(rnd.nextInt(20)), null, "social_care", "case_closed", null, null, null, null);
        }
        events.removeIf(e -> e.date().isAfter(end));
        events.sort(Comparator.comparing(GeneratedEvent::date).thenComparing(GeneratedEvent::eventId));
        return new Family(List.copyOf(events), truths());
    }

    // ---- background -------------------------------------------------------------------------

    private void protectionProcess() {
        LocalDate referral = start.plusDays(3 + rnd.nextInt(18));
        String referrer = REFERRERS[rnd.nextInt(REFERRERS.length)];
        add(null, referral, null, referrer, "referral", null, null, null, null);
        add(null, referral, null, referrer, "information_shared", null, null, null, "social_care");
        LocalDate strategy = referral.plusDays(1 + rnd.nextInt(4));
        List<String> attendees = new ArrayList<>(List.of("social_care", "health", "police"));
        if (chance(0.4)) {
            attendees.add("education");
        }
        if (chance(0.10)) {
            attendees.remove(chance(0.5) ? "health" : "police");
            casePlanted.add("strategy-meeting-attendance");
        }
        add(null, strategy, null, "social_care", "strategy_meeting", null, null, null, String.join(";", attendees));
        add(null, strategy.plusDays(10 + rnd.nextInt(21)), null, "social_care", "assessment", "completed",
                null, null, null);

        LocalDate conference = strategy.plusDays(10 + rnd.nextInt(6));
        while (!conference.isAfter(end)) {
            conferences.add(conference);
            conference = conference.plusDays(90 + rnd.nextInt(31));
        }
        boolean drift = chance(0.10);
        boolean escalatedLate = !drift && chance(0.05);
        for (LocalDate c : conferences) {
            add(null, c, null, "social_care", "cp_conference", null, null, null, null);
            action(c, drift, escalatedLate);
            drift &= !casePlanted.contains("action-drift-without-escalation");
            agreement(c.plusDays(1 + rnd.nextInt(3)));
        }
        if (!conferences.isEmpty()) {
            for (LocalDate d = conferences.get(0).plusDays(28 + rnd.nextInt(15)); !d.isAfter(end);
                 d = d.plusDays(28 + rnd.nextInt(15))) {
                add(null, d, null, "social_care", "core_group", null, null, null, "social_care;health;education");
            }
        }
        for (LocalDate d = referral.plusDays(7 + rnd.nextInt(14)); !d.isAfter(end); d = d.plusDays(14 + rnd.nextInt(22))) {
            String outcome = routine("home_visit", d, "child_seen", negativeVisit());
            addTimed(null, d, "social_care", "home_visit", outcome);
        }
        for (LocalDate d = referral.plusDays(20 + rnd.nextInt(15)); !d.isAfter(end); d = d.plusDays(28 + rnd.nextInt(8))) {
            add(null, d, null, "social_care", "engagement", engagementView(), null, null, null);
        }
    }

    private void action(LocalDate conference, boolean drift, boolean escalatedLate) {
        LocalDate due = conference.plusDays(28 + rnd.nextInt(29));
        String agency = chance(0.5) ? "health" : "social_care";
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
        add(null, due.plusDays(-10 + rnd.nextInt(18)), null, agency, "action_completed", null, id, null, null);
    }

    private void agreement(LocalDate made) {
        String id = add(null, made, null, "social_care", "agreement", "made", null, null, null);
        boolean breached = switch (persona) {
            case DISGUISED_COMPLIANCE -> true;
            case ENGAGED -> false;
            case HOSTILE_OR_AVOIDANT -> chance(0.5);
            default -> chance(0.15);
        };
        LocalDate then = made.plusDays(20 + rnd.nextInt(31));
        if (breached) {
            add(null, outsidePreScrutiny(then), null, "social_care", "agreement", "breached", id, null, null);
        } else {
            add(null, then, null, "social_care", "agreement", "kept", id, null, null);
        }
    }

    private void healthOfChild(String child) {
        for (LocalDate d = start.plusDays(rnd.nextInt(29)); !d.isAfter(end); d = d.plusDays(28 + rnd.nextInt(29))) {
            String outcome = child.equals(quietChild) ? "attended"
                    : routine("appointment:" + child, d, "attended", negativeAppointment());
            add(child, d, null, "health", "appointment", outcome, null, null, null);
        }
        int advice = 1 + rnd.nextInt(3);
        for (int i = 0; i < advice; i++) {
            LocalDate given = start.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(start, end) + 1));
            String id = add(child, given, null, "health", "medical_advice", null, null, null, null);
            LocalDate checked = given.plusDays(14 + rnd.nextInt(32));
            String outcome = persona == Persona.MEDICALLY_NON_ADHERENT
                    ? pickOf("adhered", "adhered", "partially_adhered", "not_adhered", "not_adhered")
                    : routine("advice:" + child, checked, "adhered", chance(0.5) ? "partially_adhered" : "not_adhered");
            add(child, checked, null, "health", "advice_followup", outcome, chance(0.9) ? id : null, null, null);
        }
        int medication = rnd.nextInt(4);
        for (int i = 0; i < medication; i++) {
            LocalDate d = start.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(start, end) + 1));
            String outcome = persona == Persona.MEDICALLY_NON_ADHERENT
                    ? (chance(0.5) ? "collected" : "not_collected")
                    : routine("medication:" + child, d, "collected", "not_collected");
            add(child, d, null, "health", "medication", outcome, null, null, null);
        }
    }

    private void familyContacts() {
        for (LocalDate d = start.plusDays(rnd.nextInt(30)); !d.isAfter(end); d = d.plusDays(30 + rnd.nextInt(46))) {
            String agency = CONTACT_AGENCIES[rnd.nextInt(CONTACT_AGENCIES.length)];
            add(null, d, null, agency, "contact", routine("contact", d, "responded", "no_response"), null, null, null);
        }
    }

    // ---- planted patterns ----------------------------------------------------------------

    private void plantPersona(String missedChild, boolean heldByHealth) {
        switch (persona) {
            case STRUGGLING -> plantMissedAppointments(missedChild, heldByHealth);
            case DISGUISED_COMPLIANCE -> plantDisguisedCompliance();
            case HOSTILE_OR_AVOIDANT -> plantHostility();
            case MEDICALLY_NON_ADHERENT -> plantNonAdherence(children.get(0));
            default -> { }
        }
    }

    /** Three appointments in a row not brought, 21 days apart: 3 within 43 days, a run of 3. */
    private void plantMissedAppointments(String child, boolean heldByHealth) {
        LocalDate d = start.plusDays(30 + rnd.nextInt((int) ChronoUnit.DAYS.between(start.plusDays(30), end.minusDays(56)) + 1));
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
        GeneratedEvent a = visits.get(rnd.nextInt(visits.size()));
        LocalDate second = a.date().plusDays(14 + rnd.nextInt(20));
        events.remove(a);
        addTimed(null, a.date(), "social_care", "home_visit", "no_access");
        addTimed(null, second, "social_care", "home_visit", "refused_entry");
        add(null, second.plusDays(3), null, "social_care", "engagement", "hostile", null, null, null);
        children.forEach(c -> mark(c, Persona.HOSTILE_OR_AVOIDANT.planted()));
    }

    private void plantNonAdherence(String child) {
        LocalDate a = start.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(start, end.minusDays(90)) + 1));
        for (int i = 0; i < 2; i++) {
            LocalDate given = a.plusDays(60L * i);
            String id = add(child, given, null, "health", "medical_advice", null, null, null, null);
            add(child, given.plusDays(20), null, "health", "advice_followup", "not_adhered", id, null, null);
        }
        mark(child, Persona.MEDICALLY_NON_ADHERENT.planted());
    }

    /** Advice never checked; the child's unlinked follow-ups are dropped so that none covers it by date. */
    private void plantAdviceNotFollowedUp(String child) {
        LocalDate given = start.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(start, end.minusDays(61)) + 1));
        events.removeIf(e -> child.equals(e.subjectId()) && "advice_followup".equals(e.type())
                && e.relatedEventId() == null);
        add(child, given, null, "health", "medical_advice", null, null, null, null);
        mark(child, List.of("advice-not-followed-up"));
    }

    // ---- outcomes --------------------------------------------------------------------------

    /**
     * The outcome of a routine event. For disguised compliance: positive in the 21 days before a
     * conference, otherwise positive one time in three per stream, so that the pattern holds by
     * construction rather than by chance.
     */
    private String routine(String stream, LocalDate date, String positive, String negative) {
        if (persona == Persona.DISGUISED_COMPLIANCE) {
            if (inPreScrutiny(date)) {
                return positive;
            }
            int n = streamCounters.merge(stream, 1, Integer::sum);
            return n % 3 == 0 ? positive : negative;
        }
        if (persona == Persona.ENGAGED) {
            // Engaged families' plans change, but never in a way a family-pattern rule counts.
            return "attended".equals(positive) && !chance(persona.engagement())
                    ? pickOf("cancelled_by_service", "rescheduled_by_family") : positive;
        }
        return chance(persona.engagement()) ? positive : negative;
    }

    private boolean inPreScrutiny(LocalDate date) {
        for (LocalDate c : conferences) {
            if (!date.isBefore(c.minusDays(21)) && date.isBefore(c)) {
                return true;
            }
        }
        return false;
    }

    private LocalDate outsidePreScrutiny(LocalDate date) {
        for (LocalDate c : conferences) {
            if (!date.isBefore(c.minusDays(21)) && date.isBefore(c)) {
                return c;
            }
        }
        return date;
    }

    private String negativeAppointment() {
        return switch (persona) {
            case STRUGGLING -> pickOf("cancelled_by_family", "rescheduled_by_family", "was_not_brought", "cancelled_by_service");
            case HOSTILE_OR_AVOIDANT -> pickOf("was_not_brought", "did_not_attend", "cancelled_by_family");
            case DISGUISED_COMPLIANCE -> pickOf("was_not_brought", "did_not_attend");
            default -> pickOf("cancelled_by_service", "rescheduled_by_family", "did_not_attend", "cancelled_by_service");
        };
    }

    private String negativeVisit() {
        return switch (persona) {
            case HOSTILE_OR_AVOIDANT -> pickOf("no_access", "child_not_seen", "cancelled_by_family");
            case DISGUISED_COMPLIANCE -> pickOf("no_access", "child_not_seen");
            default -> pickOf("cancelled_by_family", "child_not_seen", "cancelled_by_family");
        };
    }

    private String engagementView() {
        return switch (persona) {
            case ENGAGED -> "meaningful";
            case MEDICALLY_NON_ADHERENT -> chance(0.9) ? "meaningful" : "superficial";
            case STRUGGLING -> chance(0.75) ? "meaningful" : pickOf("superficial", "avoidant");
            case DISGUISED_COMPLIANCE -> chance(0.8) ? "meaningful" : "superficial";
            case HOSTILE_OR_AVOIDANT -> pickOf("avoidant", "superficial", "meaningful", "avoidant");
        };
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private String add(String subject, LocalDate date, String time, String agency, String type, String outcome,
                       String related, LocalDate due, String attendees) {
        String id = caseId + "-E" + String.format(java.util.Locale.ROOT, "%04d", ++seq);
        events.add(new GeneratedEvent(caseId, subject, id, date, time, agency, type, outcome, related, due,
                attendees, Notes.of(rnd, type, outcome)));
        return id;
    }

    private void addTimed(String subject, LocalDate date, String agency, String type, String outcome) {
        String time = String.format(java.util.Locale.ROOT, "%02d:%02d", 9 + rnd.nextInt(9), 15 * rnd.nextInt(4));
        add(subject, date, time, agency, type, outcome, null, null, null);
    }

    private void mark(String child, List<String> rules) {
        planted.get(child).addAll(rules);
    }

    private List<GroundTruth> truths() {
        List<GroundTruth> out = new ArrayList<>();
        planted.forEach((child, rules) -> out.add(new GroundTruth(caseId, child, persona.code(), List.copyOf(rules))));
        if (!casePlanted.isEmpty()) {
            out.add(new GroundTruth(caseId, null, persona.code(), List.copyOf(casePlanted)));
        }
        return out;
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    private String pickOf(String... values) {
        return values[rnd.nextInt(values.length)];
    }
}
