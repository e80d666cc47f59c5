package org.chronolens.detect;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** One accepted event as the rules see it; {@code subjectId} is null for a family-level event. */
public record Event(String caseId, String subjectId, String eventId, LocalDate date, String time, String agency,
                    String type, String outcome, String relatedEventId, LocalDate dueDate, List<String> attendees)
        implements Serializable {

    public boolean is(String eventType) {
        return type.equals(eventType);
    }

    public boolean is(String eventType, java.util.Collection<String> outcomes) {
        return type.equals(eventType) && outcome != null && outcomes.contains(outcome);
    }

    public boolean familyLevel() {
        return subjectId == null;
    }

    /** A minimal event for tests and examples. */
    public static Event of(String caseId, String subjectId, String eventId, String date, String agency, String type,
                           String outcome) {
        return new Event(caseId, subjectId, eventId, LocalDate.parse(date), null, agency, type, outcome, null, null,
                List.of());
    }

    public Event withRelated(String related) {
        return new Event(caseId, subjectId, eventId, date, time, agency, type, outcome, related, dueDate, attendees);
    }

    public Event withDue(String due) {
        return new Event(caseId, subjectId, eventId, date, time, agency, type, outcome, relatedEventId,
                LocalDate.parse(due), attendees);
    }

    public Event withTime(String t) {
        return new Event(caseId, subjectId, eventId, date, t, agency, type, outcome, relatedEventId, dueDate, attendees);
    }

    public Event withAttendees(List<String> a) {
        return new Event(caseId, subjectId, eventId, date, time, agency, type, outcome, relatedEventId, dueDate, a);
    }
}
