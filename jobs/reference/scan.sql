-- The benchmark's reference (docs/performance.md): the shape of a scan in an embedded analytical
-- SQL engine (DuckDB), whole process, on the same input. It reads every CSV file, checks the
-- required fields and dates, quarantines what fails (and notes holding a ten-digit number),
-- drops repeated event ids, cuts at the as-of date, writes the events, runs the six rules of the
-- count shape (the five "N within D days" rules and consecutive missed appointments) per child,
-- and writes the flags and the per-child denominators. The scan does more (fifteen rules, the
-- full identifier scanner, references, sensitivity, evidence), so the ratio is conservative.
-- ${input}, ${as_of} and ${out} are replaced by the runner.

CREATE TABLE raw AS
SELECT * FROM read_csv('${input}/*.csv', header = true, all_varchar = true, filename = true);

CREATE TABLE checked AS
SELECT *, try_cast(event_date AS DATE) AS day,
       CASE WHEN case_id IS NULL OR event_id IS NULL OR agency IS NULL OR event_type IS NULL THEN 'missing_required'
            WHEN try_cast(event_date AS DATE) IS NULL THEN 'bad_date'
            WHEN due_date IS NOT NULL AND try_cast(due_date AS DATE) IS NULL THEN 'bad_date'
            WHEN regexp_matches(coalesce(notes, ''), '\d{3}[ .-]?\d{3}[ .-]?\d{4}') THEN 'pii_detected'
       END AS reason
FROM raw;

COPY (SELECT filename, case_id, event_id, reason FROM checked WHERE reason IS NOT NULL ORDER BY filename, event_id)
TO '${out}/quarantine.csv' (HEADER);

CREATE TABLE events AS
SELECT * EXCLUDE (rn, reason) FROM (
    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY filename) AS rn
    FROM checked WHERE reason IS NULL AND day <= DATE '${as_of}')
WHERE rn = 1;

COPY (SELECT * EXCLUDE (filename) FROM events) TO '${out}/events.parquet' (FORMAT parquet);

-- A child's chronology: its own events and its family's (those with no subject).
CREATE TABLE child_events AS
SELECT * FROM events WHERE subject_id IS NOT NULL
UNION ALL
SELECT e.* REPLACE (c.subject_id AS subject_id)
FROM events e JOIN (SELECT DISTINCT case_id, subject_id FROM events WHERE subject_id IS NOT NULL) c USING (case_id)
WHERE e.subject_id IS NULL;

CREATE TABLE counted AS
SELECT 'missed-appointments' AS rule_id, 3 AS n, case_id, subject_id, event_id, day,
       count(*) OVER (PARTITION BY case_id, subject_id ORDER BY day RANGE BETWEEN INTERVAL 89 DAYS PRECEDING AND CURRENT ROW) AS held
FROM child_events WHERE event_type = 'appointment' AND outcome IN ('was_not_brought', 'did_not_attend')
UNION ALL
SELECT 'advice-non-adherence', 2, case_id, subject_id, event_id, day,
       count(*) OVER (PARTITION BY case_id, subject_id ORDER BY day RANGE BETWEEN INTERVAL 179 DAYS PRECEDING AND CURRENT ROW)
FROM child_events WHERE ((event_type = 'advice_followup' AND outcome IN ('not_adhered', 'partially_adhered'))
                                         OR (event_type = 'medication' AND outcome = 'not_collected'))
UNION ALL
SELECT 'child-not-seen', 2, case_id, subject_id, event_id, day,
       count(*) OVER (PARTITION BY case_id, subject_id ORDER BY day RANGE BETWEEN INTERVAL 59 DAYS PRECEDING AND CURRENT ROW)
FROM child_events WHERE event_type = 'home_visit'
                  AND outcome IN ('child_not_seen', 'no_access', 'refused_entry', 'cancelled_by_family')
UNION ALL
SELECT 'superficial-engagement', 2, case_id, subject_id, event_id, day,
       count(*) OVER (PARTITION BY case_id, subject_id ORDER BY day RANGE BETWEEN INTERVAL 89 DAYS PRECEDING AND CURRENT ROW)
FROM child_events WHERE event_type = 'engagement' AND outcome IN ('superficial', 'avoidant')
UNION ALL
SELECT 'hostility-or-resistance', 1, case_id, subject_id, event_id, day,
       count(*) OVER (PARTITION BY case_id, subject_id ORDER BY day RANGE BETWEEN INTERVAL 364 DAYS PRECEDING AND CURRENT ROW)
FROM child_events WHERE ((event_type = 'engagement' AND outcome = 'hostile')
                                         OR (event_type = 'home_visit' AND outcome = 'refused_entry'));

-- Consecutive missed appointments: runs of missed ones that only an attended one ends, the
-- latest run of at least two per child.
CREATE TABLE runs AS
SELECT case_id, subject_id, event_id, day, missed,
       sum(CASE WHEN outcome = 'attended' THEN 1 ELSE 0 END)
           OVER (PARTITION BY case_id, subject_id ORDER BY day, event_id ROWS UNBOUNDED PRECEDING) AS run
FROM (SELECT *, outcome IN ('was_not_brought', 'did_not_attend') AS missed
      FROM child_events WHERE event_type = 'appointment');

CREATE TABLE flags AS
SELECT rule_id, case_id, subject_id, max(day) AS window_end, max(held) AS metric,
       string_agg(event_id, ';' ORDER BY event_id) AS evidence_event_ids
FROM counted WHERE held >= n GROUP BY rule_id, case_id, subject_id
UNION ALL
SELECT 'consecutive-missed-appointments', case_id, subject_id, window_end, metric, evidence_event_ids
FROM (SELECT case_id, subject_id, run, max(day) AS window_end, count(*) AS metric,
             string_agg(event_id, ';' ORDER BY event_id) AS evidence_event_ids
      FROM runs WHERE missed GROUP BY case_id, subject_id, run HAVING count(*) >= 2)
QUALIFY row_number() OVER (PARTITION BY case_id, subject_id ORDER BY run DESC) = 1;

COPY (SELECT * FROM flags ORDER BY rule_id, case_id, subject_id, window_end) TO '${out}/flags.csv' (HEADER);
COPY (SELECT * FROM flags) TO '${out}/flags.parquet' (FORMAT parquet);

COPY (SELECT e.case_id, e.subject_id, count(*) AS events,
             count(*) FILTER (WHERE e.event_type = 'appointment') AS appointments,
             count(*) FILTER (WHERE e.event_type = 'home_visit') AS home_visits,
             (SELECT count(*) FROM flags f WHERE f.case_id = e.case_id AND f.subject_id = e.subject_id) AS flags
      FROM child_events e GROUP BY e.case_id, e.subject_id ORDER BY e.case_id, e.subject_id)
TO '${out}/subjects.csv' (HEADER);
