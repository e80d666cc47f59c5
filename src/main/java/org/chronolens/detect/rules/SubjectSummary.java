package org.chronolens.detect.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.RuleSet;

/**
 * What subjects.csv says of one child: the denominators behind the flags (appointments, home
 * visits, advice, agreements), counted as the configured rules count them, and which rules fired.
 */
public record SubjectSummary(String caseId, String subjectId, int appointmentsTotal, int appointmentsMissed,
                             int appointmentsAttended, int homeVisitsTotal, int homeVisitsChildSeen,
                             int homeVisitsChildNotSeen, int adviceGiven, int adviceFollowedUp, int agreementsMade,
                             int agreementsKept, int agreementsBreached, int eventsTotal, String eventsByAgency,
                             LocalDate firstEventDate, LocalDate lastEventDate, int flags, String rulesFired) {

    public static SubjectSummary of(RuleSet rules, Chronology c, String subject, List<Flag> flags) {
        List<String> missedOutcomes = missedOutcomes(rules);
        AdviceNotFollowedUp.FollowUps followUps = followUp(rules).followUps(c, subject);
        List<Event> events = c.eventsOf(subject);
        int appointments = 0;
        int missed = 0;
        int attended = 0;
        int visits = 0;
        int seen = 0;
        int advice = 0;
        int followed = 0;
        int made = 0;
        int kept = 0;
        int breached = 0;
        Map<String, Integer> byAgency = new TreeMap<>();
        for (Event e : events) {
            byAgency.merge(e.agency(), 1, Integer::sum);
            switch (e.type()) {
                case "appointment" -> {
                    appointments++;
                    missed += missedOutcomes.contains(e.outcome()) ? 1 : 0;
                    attended += "attended".equals(e.outcome()) ? 1 : 0;
                }
                case "home_visit" -> {
                    visits++;
                    seen += "child_seen".equals(e.outcome()) ? 1 : 0;
                }
                case "medical_advice" -> {
                    advice++;
                    followed += followUps.followedUp(e) ? 1 : 0;
                }
                case "agreement" -> {
                    made += "made".equals(e.outcome()) ? 1 : 0;
                    kept += "kept".equals(e.outcome()) ? 1 : 0;
                    breached += "breached".equals(e.outcome()) ? 1 : 0;
                }
                default -> { }
            }
        }
        Set<String> chronology = new HashSet<>();
        Set<String> own = new HashSet<>();
        for (Event e : events) {
            chronology.add(e.eventId());
            if (subject.equals(e.subjectId())) {
                own.add(e.eventId());
            }
        }
        Set<String> fired = new java.util.TreeSet<>();
        int count = 0;
        for (Flag f : flags) {
            if (Flag.concerns(f.subjectId(), f.evidenceEventIds(), subject, chronology, own)) {
                fired.add(f.ruleId());
                count++;
            }
        }
        List<String> agencyCounts = new ArrayList<>();
        byAgency.forEach((a, n) -> agencyCounts.add(a + "=" + n));
        return new SubjectSummary(c.caseId(), subject, appointments, missed, attended, visits, seen, visits - seen,
                advice, followed, made, kept, breached, events.size(), String.join(";", agencyCounts),
                events.isEmpty() ? null : events.get(0).date(),
                events.isEmpty() ? null : events.get(events.size() - 1).date(), count, String.join(";", fired));
    }

    /** Missed as missed-appointments counts it; its defaults when the rule set has no such rule. */
    private static List<String> missedOutcomes(RuleSet rules) {
        return rules.find(Catalogue.MISSED_APPOINTMENTS).filter(CountRule.class::isInstance)
                .map(r -> ((CountRule) r).outcomesOf("appointment"))
                .orElse(List.of("was_not_brought", "did_not_attend"));
    }

    /** Followed up as advice-not-followed-up sees it; its defaults when the rule set has no such rule. */
    private static AdviceNotFollowedUp followUp(RuleSet rules) {
        return rules.find(AdviceNotFollowedUp.ID).filter(AdviceNotFollowedUp.class::isInstance)
                .map(AdviceNotFollowedUp.class::cast)
                .orElseGet(() -> (AdviceNotFollowedUp) Catalogue.standard().defaults().find(AdviceNotFollowedUp.ID)
                        .orElseThrow());
    }
}
