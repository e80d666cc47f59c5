package org.chronolens.quality;

import org.chronolens.util.Columns;
import org.chronolens.check.PiiKind;
import org.chronolens.check.PiiPolicy;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.*;
import static org.chronolens.ingest.CheckedRows.*;

/**
 * The data-quality report of one run: the reconciliation, the quarantine by reason, accepted
 * events by agency and event type, identifiers found by kind, and rows per input file. All of
 * it comes from one aggregation over the classified rows; only these counts reach the driver.
 */
public record DataQuality(
        LocalDate asOf,
        PiiPolicy piiPolicy,
        double ceiling,
        long rowsRead,
        long accepted,
        long duplicatesDropped,
        long quarantined,
        long afterAsOf,
        Map<String, Long> byReason,
        Map<String, Long> byAgency,
        Map<String, Long> byEventType,
        Map<String, Long> piiByKind,
        Map<String, Map<String, Long>> byFile,
        Map<String, Map<String, Long>> byAgencyStatus,
        Map<String, Map<String, Long>> byAgencyAndType,
        List<String> warnings,
        boolean numericPseudonyms) {

    /**
     * Runs the aggregation. {@code classified} must carry {@link Classify#STATUS}; {@code rowsRead} is
     * counted independently (before classification), so that the reconciliation is a real check.
     */
    public static DataQuality measure(Dataset<Row> classified, long rowsRead, LocalDate asOf, PiiPolicy policy,
                                      double ceiling, List<String> warnings, boolean numericPseudonyms) {
        Column isAccepted = col(Classify.STATUS).equalTo(Classify.ACCEPTED);
        Column[] sums = java.util.Arrays.stream(PiiKind.values())
                .map(k -> sum(col(piiColumn(k))).as(k.code())).toArray(Column[]::new);
        // Every row's agency, so that rows read and quarantined can be counted per agency too; a value
        // outside the vocabulary (a bad row may hold anything) is counted under one name, never shown.
        Column agency = when(col("agency").isin(org.chronolens.check.Vocabulary.AGENCIES.toArray()), col("agency"))
                .otherwise(lit(NOT_AN_AGENCY));
        List<Row> groups = classified
                .groupBy(col(Classify.STATUS), col(REASON), col(SOURCE_FILE), agency.as("agency"),
                        when(isAccepted, col(Columns.EVENT_TYPE)).as(Columns.EVENT_TYPE))
                .agg(count(lit(1)).as("rows"), sums)
                .collectAsList();

        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> byAgency = new TreeMap<>();
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> pii = new LinkedHashMap<>();
        Map<String, Map<String, Long>> byFile = new TreeMap<>();
        Map<String, Map<String, Long>> byAgencyStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byAgencyAndType = new TreeMap<>();
        for (PiiKind k : PiiKind.values()) {
            pii.put(k.code(), 0L);
        }
        for (Row g : groups) {
            String status = g.getString(0);
            long rows = g.getLong(5);
            byStatus.merge(status, rows, Long::sum);
            if (Classify.QUARANTINED.equals(status)) {
                byReason.merge(g.getString(1), rows, Long::sum);
            }
            Map<String, Long> ofAgency = byAgencyStatus.computeIfAbsent(g.getString(3), a -> new TreeMap<>());
            ofAgency.merge("rows_read", rows, Long::sum);
            ofAgency.merge(status, rows, Long::sum);
            if (Classify.ACCEPTED.equals(status)) {
                byAgency.merge(g.getString(3), rows, Long::sum);
                byType.merge(g.getString(4), rows, Long::sum);
                byAgencyAndType.computeIfAbsent(g.getString(3), a -> new TreeMap<>()).merge(g.getString(4), rows, Long::sum);
            }
            Map<String, Long> file = byFile.computeIfAbsent(g.getString(2), f -> new TreeMap<>());
            file.merge("rows_read", rows, Long::sum);
            file.merge(status, rows, Long::sum);
            for (int i = 0; i < PiiKind.values().length; i++) {
                pii.merge(PiiKind.values()[i].code(), g.isNullAt(6 + i) ? 0L : g.getLong(6 + i), Long::sum);
            }
        }
        return new DataQuality(asOf, policy, ceiling, rowsRead,
                byStatus.getOrDefault(Classify.ACCEPTED, 0L),
                byStatus.getOrDefault(Classify.DUPLICATE, 0L),
                byStatus.getOrDefault(Classify.QUARANTINED, 0L),
                byStatus.getOrDefault(Classify.AFTER_AS_OF, 0L),
                byReason, byAgency, byType, pii, byFile, byAgencyStatus, byAgencyAndType, List.copyOf(warnings),
                numericPseudonyms);
    }

    /** Where a row's agency is not one of the contract's: counted, never named. */
    public static final String NOT_AN_AGENCY = "(not an agency)";

    /** rows read = accepted + duplicates dropped + quarantined + after as-of. */
    public boolean reconciled() {
        return rowsRead == accepted + duplicatesDropped + quarantined + afterAsOf;
    }

    /** As docs/chronology-format.md says: quarantined rows over rows read; an empty input has share 0. */
    public double quarantinedShare() {
        return rowsRead == 0 ? 0.0 : (double) quarantined / rowsRead;
    }

    /** Strictly exceeded only. */
    public boolean ceilingExceeded() {
        return quarantinedShare() > ceiling;
    }

    public long identifiersFound() {
        return piiByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether ids were checked for NHS and phone numbers, in words (the report shows it when off). */
    public String idCheck() {
        return numericPseudonyms ? "off for ids of digits only: the partnership declared numeric pseudonyms"
                : "on: rows whose ids look like NHS, NI or phone numbers are quarantined";
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows_read", rowsRead);
        out.put("accepted", accepted);
        out.put("duplicates_dropped", duplicatesDropped);
        out.put("quarantined", quarantined);
        out.put("after_as_of", afterAsOf);
        out.put("reconciled", reconciled());
        out.put("reconciliation", rowsRead + " read = " + accepted + " accepted + " + duplicatesDropped
                + " duplicates dropped + " + quarantined + " quarantined + " + afterAsOf + " after as-of");
        out.put("as_of", asOf.toString());
        out.put("quarantined_share", quarantinedShare());
        out.put("quarantine_ceiling", ceiling);
        out.put("ceiling_exceeded", ceilingExceeded());
        out.put("pii_policy", piiPolicy.code());
        out.put("id_identifier_check", idCheck());
        out.put("by_reason", byReason);
        out.put("by_agency", byAgency);
        out.put("by_event_type", byEventType);
        out.put("pii_by_kind", piiByKind);
        out.put("by_file", byFile);
        out.put("warnings", warnings);
        return out;
    }
}
