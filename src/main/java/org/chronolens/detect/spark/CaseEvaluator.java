package org.chronolens.detect.spark;

import org.chronolens.util.Columns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.Sensitivity;
import org.chronolens.detect.rules.SubjectSummary;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark adapter of the rules: evaluates every rule for every subject of one case, in one pass
 * over the case's ordered chronology, on an executor: the case's events arrive grouped by {@code case_id} and leave as one
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
            subjects.add(CaseResults.subject(SubjectSummary.of(rules, c, subject, flags)));
        }
        return RowFactory.create(caseId, seq(flagRows), seq(subjects), seq(sensitivity(c, flags)));
    }

    /** The columns of the accepted events that the rules read: no notes, no source position. */
    public static final String[] COLUMNS = {Columns.CASE_ID, Columns.SUBJECT_ID, Columns.EVENT_ID, Columns.EVENT_DATE, Columns.EVENT_TIME, "agency",
            Columns.EVENT_TYPE, "outcome", Columns.RELATED_EVENT_ID, Columns.DUE_DATE, "attendees"};

    /** Input columns: {@link #COLUMNS} of the accepted events as validate writes them. */
    public static Event event(Row r) {
        // By position (the order of COLUMNS): a lookup by name costs a hash per field per event.
        List<String> attendees = r.isNullAt(10) ? List.of() : CollectionConverters.asJava(r.<String>getSeq(10));
        Date due = (Date) r.get(9);
        return new Event(r.getString(0), r.getString(1), r.getString(2), ((Date) r.get(3)).toLocalDate(),
                r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                due == null ? null : due.toLocalDate(), List.copyOf(attendees));
    }

    /**
     * One row per flag each variant would raise. The configured variant is the rule the case was
     * just evaluated with, so its flags are counted, not computed again.
     */
    private List<Row> sensitivity(Chronology c, List<Flag> flags) {
        List<Row> out = new ArrayList<>();
        for (Sensitivity.Variant v : rules.variants()) {
            long hits = v.name().equals(Sensitivity.AS_CONFIGURED)
                    ? flags.stream().filter(f -> f.ruleId().equals(v.ruleId())).count()
                    : v.rule().hits(c);
            for (long i = 0; i < hits; i++) {
                out.add(RowFactory.create(v.ruleId(), v.name(), v.count(), v.days()));
            }
        }
        return out;
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> items) {
        return CollectionConverters.asScala(items).toSeq();
    }
}
