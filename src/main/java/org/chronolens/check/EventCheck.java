package org.chronolens.check;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.chronolens.check.ContractColumn.*;

/**
 * The row-level checks of the chronology format, as a pure function from one row's values to a
 * {@link CheckedEvent}. Every problem of the row goes into the message; the reason is the first
 * problem in a fixed order (an id that is an identifier, missing, id, date, agency, event type,
 * outcome, length, identifiers in text), so that a row with several problems always gets the same
 * reason.
 */
public final class EventCheck implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Put in place of undecodable bytes by the readers: no valid UTF-8 text decodes to a lone surrogate. */
    public static final char UNDECODABLE = '\uDBFF';

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int QUOTE_LIMIT = 60;

    private final PiiPolicy policy;
    private final boolean numericPseudonyms;
    private final PiiScanner scanner = new PiiScanner();

    public EventCheck(PiiPolicy policy) {
        this(policy, false);
    }

    /**
     * {@code numericPseudonyms}: the partnership declared that its ids are plain numbers, so an id of
     * digits only is not refused for looking like an NHS or phone number.
     */
    public EventCheck(PiiPolicy policy, boolean numericPseudonyms) {
        this.policy = policy;
        this.numericPseudonyms = numericPseudonyms;
    }

    public PiiPolicy policy() {
        return policy;
    }

    /** A row that could not be parsed at all: only its position is known. */
    public CheckedEvent malformed(String sourceFile, long line, String message) {
        return malformed(sourceFile, line, message, Map.of());
    }

    /** A row whose fields do not line up with the header: the values are shown as they fell, redacted. */
    public CheckedEvent malformed(String sourceFile, long line, String message, Map<ContractColumn, String> values) {
        return quarantined(sourceFile, line, values, Reason.MALFORMED_CSV, message, Map.of());
    }

    /** A record the reader cut short because it was over the record limit: what was read of it, redacted and cut. */
    public CheckedEvent tooLong(String sourceFile, long line, String message, Map<ContractColumn, String> values) {
        return quarantined(sourceFile, line, values, Reason.TOO_LONG, message, Map.of());
    }

    public CheckedEvent check(String sourceFile, long line, Map<ContractColumn, String> raw) {
        Map<ContractColumn, String> v = new EnumMap<>(ContractColumn.class);
        boolean undecodable = false;
        for (ContractColumn c : ContractColumn.values()) {
            String s = raw.get(c);
            s = s == null ? "" : s.strip();
            undecodable |= s.indexOf(UNDECODABLE) >= 0;
            v.put(c, s);
        }
        if (undecodable) {
            return quarantined(sourceFile, line, v, Reason.BAD_ENCODING,
                    "the row holds bytes that are not valid UTF-8; re-export the file as UTF-8", Map.of());
        }

        Problems problems = new Problems();
        Map<PiiKind, Integer> pii = new EnumMap<>(PiiKind.class);
        // First: an id that is itself an identifier cannot be redacted without losing the row's
        // meaning, so the row goes to quarantine whatever the policy.
        checkIdIdentifiers(v, problems, pii);
        checkRequired(v, problems);
        checkIds(v, problems);
        LocalDate eventDay = null;
        String eventTime = null;
        String eventDate = v.get(EVENT_DATE);
        if (!eventDate.isEmpty()) {
            try {
                if (eventDate.indexOf('T') >= 0) {
                    LocalDateTime dt = LocalDateTime.parse(eventDate, DATE_TIME);
                    eventDay = plausible(dt.toLocalDate());
                    eventTime = dt.toLocalTime().format(TIME);
                } else {
                    eventDay = plausible(LocalDate.parse(eventDate, DATE));
                }
            } catch (DateTimeParseException e) {
                problems.add(Reason.BAD_DATE, "event_date " + quote(eventDate) + " is not a date: expected "
                        + "yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss], years " + Vocabulary.MIN_YEAR + "-" + Vocabulary.MAX_YEAR);
            }
        }
        LocalDate dueDay = null;
        String dueDate = v.get(DUE_DATE);
        if (!dueDate.isEmpty()) {
            try {
                dueDay = plausible(LocalDate.parse(dueDate, DATE));
            } catch (DateTimeParseException e) {
                problems.add(Reason.BAD_DATE, "due_date " + quote(dueDate) + " is not a date: expected yyyy-MM-dd, years "
                        + Vocabulary.MIN_YEAR + "-" + Vocabulary.MAX_YEAR);
            }
        }
        if (dueDay != null && eventDay != null && dueDay.isBefore(eventDay)) {
            // An action due before it was agreed has no window to drift in: a data-entry mistake.
            problems.add(Reason.BAD_DATE, "due_date " + quote(dueDate) + " is before the event's date "
                    + eventDay + "; an action is due on or after the day it is agreed");
        }
        checkAgencies(v, problems);
        checkTypeAndOutcome(v, problems);
        boolean freeOutcome = Vocabulary.FREE_OUTCOME_TYPE.equals(v.get(EVENT_TYPE));
        checkLength(v, NOTES, Vocabulary.MAX_NOTES_LENGTH, "notes are", problems);
        if (freeOutcome) {
            checkLength(v, OUTCOME, Vocabulary.MAX_OTHER_OUTCOME_LENGTH, "the outcome of an other event is", problems);
        }
        // Every free-text value: the notes, and the outcome of an `other` event, which is any text.
        for (ContractColumn text : freeOutcome ? List.of(NOTES, OUTCOME) : List.of(NOTES)) {
            PiiScanner.Scan scan = scanner.scan(v.get(text));
            if (scan.found()) {
                v.put(text, scan.redacted());
                scan.counts().forEach((k, n) -> pii.merge(k, n, Integer::sum));
                if (policy != PiiPolicy.REDACT) {
                    problems.add(Reason.PII_DETECTED, (text == NOTES ? "notes hold " : "the outcome holds ")
                            + describe(scan.counts())
                            + " (PII policy " + policy.code() + ")");
                }
            }
        }
        Map<PiiKind, Integer> found = pii.isEmpty() ? Map.of() : Map.copyOf(pii);
        if (!problems.isEmpty()) {
            return quarantined(sourceFile, line, v, problems.first, String.join("; ", problems.messages), found);
        }
        v.put(ATTENDEES, normaliseAttendees(v.get(ATTENDEES)));
        return new CheckedEvent(sourceFile, line, v, eventDay, eventTime, dueDay, null, null, found);
    }

    /** A date outside the plausible years is no date: it would overflow later arithmetic or mean nothing. */
    private static LocalDate plausible(LocalDate day) {
        if (day.getYear() < Vocabulary.MIN_YEAR || day.getYear() > Vocabulary.MAX_YEAR) {
            throw new DateTimeParseException("year out of range", day.toString(), 0);
        }
        return day;
    }

    private static void checkLength(Map<ContractColumn, String> v, ContractColumn c, int limit, String what,
                                    Problems problems) {
        String s = v.get(c);
        int n = s.codePointCount(0, s.length());
        if (n > limit) {
            problems.add(Reason.TOO_LONG, what + " " + n + " characters long; at most " + limit + " are allowed");
        }
    }

    private void checkIdIdentifiers(Map<ContractColumn, String> v, Problems problems, Map<PiiKind, Integer> pii) {
        for (ContractColumn c : ID_COLUMNS) {
            String id = v.get(c);
            if (id.length() > Vocabulary.MAX_ID_LENGTH) {
                continue; // too long to be an identifier; reported as too_long
            }
            scanner.identifierInId(id, numericPseudonyms).ifPresent(kind -> {
                pii.merge(kind, 1, Integer::sum);
                // The value is not quoted: it is the identifier.
                problems.add(Reason.PII_DETECTED, c.column() + " looks like " + article(kind) + " " + kind.code()
                        + ": ids must be pseudonyms, so the row is quarantined under every PII policy"
                        + (kind == PiiKind.NI_NUMBER ? "" : " (if your pseudonyms are plain numbers, declare it with "
                        + "--numeric-pseudonyms; see docs/security.md)"));
            });
        }
    }

    private static String article(PiiKind kind) {
        return kind == PiiKind.NHS_NUMBER || kind == PiiKind.NI_NUMBER || kind == PiiKind.EMAIL ? "an" : "a";
    }

    private static void checkRequired(Map<ContractColumn, String> v, Problems problems) {
        List<String> missing = new ArrayList<>();
        for (ContractColumn c : ContractColumn.values()) {
            if (c.required() && v.get(c).isEmpty()) {
                missing.add(c.column());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(Reason.MISSING_REQUIRED, String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " empty; every row needs a value there");
        }
        String type = v.get(EVENT_TYPE);
        List<String> outcomes = Vocabulary.OUTCOMES.get(type);
        if (outcomes != null && !outcomes.isEmpty() && v.get(OUTCOME).isEmpty()) {
            problems.add(Reason.MISSING_REQUIRED, "outcome is empty; " + type + " needs one of "
                    + String.join(", ", outcomes));
        }
        if ("action_agreed".equals(type) && v.get(DUE_DATE).isEmpty()) {
            problems.add(Reason.MISSING_REQUIRED, "due_date is empty; action_agreed needs a due date (yyyy-MM-dd)");
        }
    }

    private static final List<ContractColumn> ID_COLUMNS = List.of(CASE_ID, SUBJECT_ID, EVENT_ID, RELATED_EVENT_ID);

    private void checkIds(Map<ContractColumn, String> v, Problems problems) {
        for (ContractColumn c : ID_COLUMNS) {
            String id = v.get(c);
            if (id.length() > Vocabulary.MAX_ID_LENGTH) {
                problems.add(Reason.TOO_LONG, c.column() + " is " + id.length() + " characters long; an id has at most "
                        + Vocabulary.MAX_ID_LENGTH);
            } else if (!id.isEmpty() && !Vocabulary.ID.matcher(id).matches()) {
                problems.add(Reason.BAD_ID, c.column() + " " + quoted(shown(c, id)) + " is not a valid id: expected 1-"
                        + Vocabulary.MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit");
            }
        }
    }

    private void checkAgencies(Map<ContractColumn, String> v, Problems problems) {
        String agency = v.get(AGENCY);
        if (!agency.isEmpty() && !Vocabulary.isAgency(agency)) {
            problems.add(Reason.UNKNOWN_AGENCY, "agency " + quote(agency) + " is not one of "
                    + String.join(", ", Vocabulary.AGENCIES));
        }
        for (String token : v.get(ATTENDEES).split(";")) {
            String t = token.strip();
            if (!t.isEmpty() && !Vocabulary.isAgency(t)) {
                problems.add(Reason.UNKNOWN_AGENCY, "attendee " + quote(t) + " is not one of "
                        + String.join(", ", Vocabulary.AGENCIES) + " (attendees are ;-separated agencies)");
            }
        }
    }

    private void checkTypeAndOutcome(Map<ContractColumn, String> v, Problems problems) {
        String type = v.get(EVENT_TYPE);
        if (type.isEmpty()) {
            return;
        }
        List<String> outcomes = Vocabulary.OUTCOMES.get(type);
        if (outcomes == null) {
            problems.add(Reason.UNKNOWN_EVENT_TYPE, "event_type " + quote(type) + " is not one of "
                    + String.join(", ", Vocabulary.EVENT_TYPES));
            return;
        }
        String outcome = v.get(OUTCOME);
        if (outcome.isEmpty() || type.equals(Vocabulary.FREE_OUTCOME_TYPE)) {
            return;
        }
        if (outcomes.isEmpty()) {
            problems.add(Reason.BAD_OUTCOME, "outcome " + quote(outcome) + " given for " + type
                    + ", which takes no outcome; leave it empty");
        } else if (!outcomes.contains(outcome)) {
            problems.add(Reason.BAD_OUTCOME, "outcome " + quote(outcome) + " is not allowed for " + type
                    + "; expected one of " + String.join(", ", outcomes));
        }
    }

    /** Attendees are compared as a set: sorted, without repeats or empty tokens. */
    static String normaliseAttendees(String attendees) {
        TreeSet<String> set = new TreeSet<>();
        for (String token : attendees.split(";")) {
            if (!token.isBlank()) {
                set.add(token.strip());
            }
        }
        return String.join(";", set);
    }

    private CheckedEvent quarantined(String sourceFile, long line, Map<ContractColumn, String> values,
                                     Reason reason, String message, Map<PiiKind, Integer> pii) {
        // A quarantined row is untrusted as a whole: every value is redacted, not only the notes,
        // then cut to its column's limit (redacted first, so that no identifier is cut in half).
        // A Parquet value can be far longer than a record may be; only its first MiB can be shown,
        // and reading a longer one as the scanner reads text beyond ASCII would take ten bytes a
        // character of heap, so it is cut to that MiB first.
        Map<ContractColumn, String> safe = new EnumMap<>(ContractColumn.class);
        values.forEach((c, s) -> safe.put(c, cut(shown(c, firstMiB(s)), limit(c))));
        return new CheckedEvent(sourceFile, line, safe, null, null, null, reason, message, pii);
    }

    /**
     * A value as a quarantined row or a message may show it: redacted, and an id that is an
     * identifier as its kind alone. The scanner, which reads text, can miss an identifier that the
     * id check finds ({@code 943_476_5919}: underscores join words), so the id check decides.
     */
    private String shown(ContractColumn c, String value) {
        if (ID_COLUMNS.contains(c) && value.length() <= Vocabulary.MAX_ID_LENGTH) {
            Optional<PiiKind> kind = scanner.identifierInId(value, numericPseudonyms);
            if (kind.isPresent()) {
                return kind.get().placeholder();
            }
        }
        return scanner.redact(printable(value));
    }

    private static String firstMiB(String s) {
        return s.length() <= Vocabulary.MAX_RECORD_CHARS ? s : s.substring(0, Vocabulary.MAX_RECORD_CHARS);
    }

    private static int limit(ContractColumn c) {
        return ID_COLUMNS.contains(c) ? Vocabulary.MAX_ID_LENGTH
                : c == NOTES ? Vocabulary.MAX_NOTES_LENGTH : Vocabulary.MAX_OTHER_OUTCOME_LENGTH;
    }

    private static String cut(String s, int limit) {
        return s.length() <= limit ? s : s.substring(0, limit) + "...";
    }

    /** Values are quoted already redacted and cut short, so that a message never carries an identifier. */
    private String quote(String value) {
        return quoted(scanner.redact(printable(value)));
    }

    private static String quoted(String safe) {
        if (safe.length() > QUOTE_LIMIT) {
            safe = safe.substring(0, QUOTE_LIMIT) + "...";
        }
        return "'" + safe + "'";
    }

    private static String printable(String s) {
        return s.replace(UNDECODABLE, '\uFFFD');
    }

    private static String describe(Map<PiiKind, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k.code()));
        return String.join(", ", parts);
    }

    private static final class Problems {
        private Reason first;
        private final List<String> messages = new ArrayList<>();

        void add(Reason reason, String message) {
            if (first == null) {
                first = reason;
            }
            messages.add(message);
        }

        boolean isEmpty() {
            return first == null;
        }
    }
}
