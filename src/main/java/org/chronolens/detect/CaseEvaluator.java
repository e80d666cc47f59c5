package org.chronolens.detect;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.chronolens.detect.rules.AdviceNotFollowedUp;
import org.chronolens.detect.rules.MissedAppointments;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates every rule for every subject of one case, in one pass over the case's ordered
 * chronology, on an executor: the case's events arrive grouped by {@code case_id} and leave as one
 * row of flags, subject denominators and sensitivity hits.
 */
public final class CaseEvaluator implements MapGroupsFunction<String, Row, Row> {

    private static final long serialVersionUID = 1L;

    private final RuleSet rules;
    private final LocalDate asOf;

    public CaseEvaluator(RuleSet rules, LocalDate asOf) {
        this.rules = rules;
        this.asOf = asOf;
    }

    @Override
    public Row call(String caseId, Iterator<Row> rows) {
        List<Event> events = new ArrayList<>();
        rows.forEachRemaining(r -> events.add(event(r)));
        Chronology c = Chronology.of(caseId, asOf, events);
        List<Flag> flags = rules.evaluate(c);
        List<Row> flagRows = new ArrayList<>();
        flags.forEach(f -> flagRows.add(CaseResults.flag(f)));
        List<Row> subjects = new ArrayList<>();
        for (String subject : c.subjects()) {
            subjects.add(subject(c, subject, flags));
        }
        return RowFactory.create(caseId, seq(flagRows), seq(subjects), seq(sensitivity(c)));
    }

    /** The columns of the accepted events that the rules read: no notes, no source position. */
    public static final String[] COLUMNS = {"case_id", "subject_id", "event_id", "event_date", "event_time", "agency",
            "event_type", "outcome", "related_event_id", "due_date", "attendees"};

    /** Input columns: {@link #COLUMNS} of the accepted events as validate writes them. */
    public static Event event(Row r) {
        List<String> attendees = r.isNullAt(r.fieldIndex("attendees")) ? List.of()
                : CollectionConverters.asJava(r.<String>getSeq(r.fieldIndex("attendees")));
        Date due = r.getAs("due_date");
        Date date = r.getAs("event_date");
        return new Event(r.getAs("case_id"), r.getAs("subject_id"), r.getAs("event_id"), date.toLocalDate(),
                r.getAs("event_time"), r.getAs("agency"), r.getAs("event_type"), r.getAs("outcome"),
                r.getAs("related_event_id"), due == null ? null : due.toLocalDate(), List.copyOf(attendees));
    }

    private Row subject(Chronology c, String subject, List<Flag> flags) {
        List<Event> events = c.eventsOf(subject);
        MissedAppointments missed = (MissedAppointments) rule(MissedAppointments.ID);
        AdviceNotFollowedUp followUp = (AdviceNotFollowedUp) rule(AdviceNotFollowedUp.ID);
        int appointments = 0, missedCount = 0, attended = 0, visits = 0, seen = 0, notSeen = 0;
        int advice = 0, followed = 0, made = 0, kept = 0, breached = 0;
        Map<String, Integer> byAgency = new TreeMap<>();
        for (Event e : events) {
            byAgency.merge(e.agency(), 1, Integer::sum);
            switch (e.type()) {
                case "appointment" -> {
                    appointments++;
                    missedCount += missed.params().outcomes().contains(e.outcome()) ? 1 : 0;
                    attended += "attended".equals(e.outcome()) ? 1 : 0;
                }
                case "home_visit" -> {
                    visits++;
                    seen += "child_seen".equals(e.outcome()) ? 1 : 0;
                    notSeen += "child_seen".equals(e.outcome()) ? 0 : 1;
                }
                case "medical_advice" -> {
                    advice++;
                    followed += followUp.followedUp(e, c, subject) ? 1 : 0;
                }
                case "agreement" -> {
                    made += "made".equals(e.outcome()) ? 1 : 0;
                    kept += "kept".equals(e.outcome()) ? 1 : 0;
                    breached += "breached".equals(e.outcome()) ? 1 : 0;
                }
                default -> { }
            }
        }
        Set<String> fired = new LinkedHashSet<>();
        int count = 0;
        Set<String> own = new LinkedHashSet<>();
        events.forEach(e -> own.add(e.eventId()));
        for (Flag f : flags) {
            // Subject rules name the subject; per-event rules count for the subjects whose events they flag.
            boolean mine = subject.equals(f.subjectId())
                    || f.subjectId() == null && own.containsAll(f.evidenceEventIds());
            if (mine) {
                fired.add(f.ruleId());
                count++;
            }
        }
        List<String> agencyCounts = new ArrayList<>();
        byAgency.forEach((a, n) -> agencyCounts.add(a + "=" + n));
        return RowFactory.create(c.caseId(), subject, appointments, missedCount, attended, visits, seen, notSeen,
                advice, followed, made, kept, breached, events.size(), String.join(";", agencyCounts),
                events.isEmpty() ? null : CaseResults.date(events.get(0).date()),
                events.isEmpty() ? null : CaseResults.date(events.get(events.size() - 1).date()),
                count, String.join(";", fired.stream().sorted().toList()));
    }

    private List<Row> sensitivity(Chronology c) {
        List<Row> out = new ArrayList<>();
        for (CountRule r : rules.countRules()) {
            for (Sensitivity.Variant v : Sensitivity.variants(r)) {
                for (Flag f : v.rule().evaluate(c)) {
                    out.add(RowFactory.create(r.id(), v.name(), v.rule().count(), v.rule().days()));
                }
            }
        }
        return out;
    }

    private Rule rule(String id) {
        return rules.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> items) {
        return CollectionConverters.asScala(items).toSeq();
    }
}
