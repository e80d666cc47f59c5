package org.chronolens.detect.spark;

import org.chronolens.util.Columns;
import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.chronolens.detect.Flag;
import org.chronolens.detect.rules.SubjectSummary;

/** The Spark shape of one case's results: its flags, its subjects' denominators, its sensitivity hits. */
public final class CaseResults {

    public static final StructType FLAG = new StructType()
            .add(Columns.RULE_ID, "string", false).add("theme", "string", false).add(Columns.CASE_ID, "string", false)
            .add(Columns.SUBJECT_ID, "string", true).add(Columns.WINDOW_START, "date", false).add(Columns.WINDOW_END, "date", false)
            .add("metric", "double", false).add("threshold", "string", false).add("severity", "string", false)
            .add(Columns.EVIDENCE_EVENT_IDS, "string", false).add("explanation", "string", false);

    public static final StructType SUBJECT = new StructType()
            .add(Columns.CASE_ID, "string", false).add(Columns.SUBJECT_ID, "string", false)
            .add("appointments_total", "int", false).add("appointments_missed", "int", false)
            .add("appointments_attended", "int", false)
            .add("home_visits_total", "int", false).add("home_visits_child_seen", "int", false)
            .add("home_visits_child_not_seen", "int", false)
            .add("advice_given", "int", false).add("advice_followed_up", "int", false)
            .add("agreements_made", "int", false).add("agreements_kept", "int", false)
            .add("agreements_breached", "int", false)
            .add("events_total", "int", false).add("events_by_agency", "string", false)
            .add("first_event_date", "date", true).add("last_event_date", "date", true)
            .add("flags", "int", false).add("rules_fired", "string", false);

    /** One flagged subject (or event) for one threshold variant of a count rule. */
    public static final StructType SENSITIVITY = new StructType()
            .add(Columns.RULE_ID, "string", false).add("variant", "string", false)
            .add("count", "int", false).add("days", "int", false);

    public static final StructType SCHEMA = new StructType()
            .add(Columns.CASE_ID, "string", false)
            .add("flags", DataTypes.createArrayType(FLAG, false), false)
            .add("subjects", DataTypes.createArrayType(SUBJECT, false), false)
            .add("sensitivity", DataTypes.createArrayType(SENSITIVITY, false), false);

    private CaseResults() {
    }

    /** One row of {@link #SUBJECT}, field by field. */
    public static Row subject(SubjectSummary s) {
        return RowFactory.create(s.caseId(), s.subjectId(), s.appointmentsTotal(), s.appointmentsMissed(),
                s.appointmentsAttended(), s.homeVisitsTotal(), s.homeVisitsChildSeen(), s.homeVisitsChildNotSeen(),
                s.adviceGiven(), s.adviceFollowedUp(), s.agreementsMade(), s.agreementsKept(), s.agreementsBreached(),
                s.eventsTotal(), s.eventsByAgency(), date(s.firstEventDate()), date(s.lastEventDate()), s.flags(),
                s.rulesFired());
    }

    public static Row flag(Flag f) {
        return RowFactory.create(f.ruleId(), f.theme(), f.caseId(), f.subjectId(), date(f.windowStart()),
                date(f.windowEnd()), f.metric(), f.threshold(), f.severity().code(),
                String.join(";", f.evidenceEventIds()), f.explanation());
    }

    static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
