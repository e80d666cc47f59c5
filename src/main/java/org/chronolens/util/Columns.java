package org.chronolens.util;

/**
 * The names of the columns every stage shares: of the accepted events, the flags and the
 * subjects, in Parquet, CSV and Spark plans alike. One place, so that a rename is one change.
 */
public final class Columns {

    public static final String CASE_ID = "case_id";
    public static final String SUBJECT_ID = "subject_id";
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_DATE = "event_date";
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_TYPE = "event_type";
    public static final String RELATED_EVENT_ID = "related_event_id";
    public static final String DUE_DATE = "due_date";

    public static final String FLAG_KEY = "flag_key";
    public static final String RULE_ID = "rule_id";
    public static final String EVIDENCE_EVENT_IDS = "evidence_event_ids";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";

    private Columns() {
    }
}
