package org.chronolens.generate;

import java.time.LocalDate;

/** One generated chronology row, in contract terms; {@code subjectId} is null for a family-level event. */
record GeneratedEvent(String caseId, String subjectId, String eventId, LocalDate date, String time, String agency,
                      String type, String outcome, String relatedEventId, LocalDate dueDate, String attendees,
                      String notes) {

    String eventDate() {
        return time == null ? date.toString() : date + "T" + time;
    }
}
