package org.chronolens.audit;

import org.chronolens.util.Intervals;
import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.io.TextFiles;

/**
 * What the auditors' verdicts say about each rule. Each sampled flag gets one verdict: the
 * auditors' shared one, or "disputed" when double-coders differ (a disputed flag counts for
 * neither side until they settle it). Precision is agree / (agree + disagree), "unclear" left out,
 * with a 95 % Wilson interval; a rule whose whole interval lies below the target precision is
 * marked "revisit threshold". Agreement between each pair of auditors who coded the same flags is
 * Cohen's kappa.
 */
public final class AuditSummary {

    public static final List<String> HISTORY_COLUMNS = List.of("audit_date", "sample_id", Columns.RULE_ID, "audited", "agree",
            "disagree", "unclear", "disputed", "precision", "wilson_low", "wilson_high", "status");

    /** One rule's figures. */
    public record RuleResult(String ruleId, long audited, long agree, long disagree, long unclear, long disputed,
                             double precision, Intervals.Interval interval, String status) {
    }

    /** Agreement between two auditors over the flags both coded. */
    public record Agreement(String auditorA, String auditorB, long flags, double observed, double kappa) {
    }

    public record Result(List<RuleResult> rules, List<Agreement> agreement, long flags, long notAudited,
                         double target) {
    }

    private AuditSummary() {
    }

    public static Result of(Checklists.Read read, double target) {
        Map<String, Map<String, String>> byFlag = new TreeMap<>();
        Map<String, String> ruleOf = new TreeMap<>();
        for (Checklists.Verdict v : read.verdicts()) {
            byFlag.computeIfAbsent(v.flagKey(), k -> new TreeMap<>()).put(v.auditor(), v.verdict());
            ruleOf.put(v.flagKey(), v.ruleId());
        }
        Map<String, long[]> counts = new TreeMap<>(); // agree, disagree, unclear, disputed
        byFlag.forEach((key, verdicts) -> {
            long[] c = counts.computeIfAbsent(ruleOf.get(key), k -> new long[4]);
            List<String> distinct = verdicts.values().stream().distinct().toList();
            c[distinct.size() > 1 ? 3 : Checklists.VERDICTS.indexOf(distinct.get(0))]++;
        });
        List<RuleResult> rules = new ArrayList<>();
        counts.forEach((rule, c) -> {
            long n = c[0] + c[1];
            Intervals.Interval ci = Intervals.wilson(c[0], n, Intervals.Z95);
            String status = n == 0 ? "no verdicts to judge by"
                    : ci.high() < target ? "revisit threshold"
                    : ci.low() >= target ? "meets target" : "inconclusive: audit more";
            rules.add(new RuleResult(rule, c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3],
                    n == 0 ? Double.NaN : (double) c[0] / n, ci, status));
        });
        return new Result(rules, agreement(byFlag), byFlag.size(), read.notAudited(), target);
    }

    private static List<Agreement> agreement(Map<String, Map<String, String>> byFlag) {
        Map<String, long[][]> tables = new TreeMap<>();
        for (Map<String, String> verdicts : byFlag.values()) {
            List<String> auditors = new ArrayList<>(verdicts.keySet()); // sorted: TreeMap
            for (int i = 0; i < auditors.size(); i++) {
                for (int j = i + 1; j < auditors.size(); j++) {
                    long[][] t = tables.computeIfAbsent(auditors.get(i) + "\u0000" + auditors.get(j), k -> new long[3][3]);
                    t[Checklists.VERDICTS.indexOf(verdicts.get(auditors.get(i)))]
                            [Checklists.VERDICTS.indexOf(verdicts.get(auditors.get(j)))]++;
                }
            }
        }
        List<Agreement> out = new ArrayList<>();
        tables.forEach((pair, t) -> {
            String[] ab = pair.split("\u0000");
            long n = 0;
            long same = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    n += t[i][j];
                }
                same += t[i][i];
            }
            out.add(new Agreement(ab[0], ab[1], n, (double) same / n, Intervals.cohensKappa(t)));
        });
        return out;
    }

    /** audit-summary.csv: one row per rule. */
    public static String rulesCsv(Result r) {
        return csv(List.of(Columns.RULE_ID, "audited", "agree", "disagree", "unclear", "disputed", "precision", "wilson_low",
                "wilson_high", "target", "status"), r.rules().stream().map(x -> List.<Object>of(x.ruleId(), x.audited(),
                x.agree(), x.disagree(), x.unclear(), x.disputed(), fmt(x.precision()), fmt(x.interval().low()),
                fmt(x.interval().high()), fmt(r.target()), x.status())).toList());
    }

    /** agreement.csv: one row per pair of auditors who coded the same flags. */
    public static String agreementCsv(Result r) {
        return csv(List.of("auditor_a", "auditor_b", "flags", "observed_agreement", "kappa"), r.agreement().stream()
                .map(a -> List.<Object>of(a.auditorA(), a.auditorB(), a.flags(), fmt(a.observed()), fmt(a.kappa()))).toList());
    }

    /**
     * The history with this audit's rows: rows of the same sample(s) from an earlier summary are
     * replaced, so summarising a sample again does not count it twice.
     */
    public static List<Map<String, String>> history(String file, TextFiles files, Result r, List<String> sampleIds,
                                                    LocalDate date) {
        List<Map<String, String>> rows = new ArrayList<>();
        String sample = sampleIds.isEmpty() ? "unknown" : String.join("+", sampleIds);
        if (file != null && files.exists(file)) {
            try (Reader in = Checklists.reader(files, file)) {
                for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                    if (!rec.get("sample_id").equals(sample)) {
                        rows.add(new LinkedHashMap<>(rec.toMap()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException e) {
                throw new org.chronolens.ingest.InputRefusedException(file + " is not an audit history written by "
                        + "audit-summary (" + e.getMessage() + ")");
            }
        }
        for (RuleResult x : r.rules()) {
            Map<String, String> m = new LinkedHashMap<>();
            List<Object> values = List.of(date.toString(), sample, x.ruleId(), x.audited(), x.agree(), x.disagree(),
                    x.unclear(), x.disputed(), fmt(x.precision()), fmt(x.interval().low()), fmt(x.interval().high()),
                    x.status());
            for (int i = 0; i < HISTORY_COLUMNS.size(); i++) {
                m.put(HISTORY_COLUMNS.get(i), String.valueOf(values.get(i)));
            }
            rows.add(m);
        }
        rows.sort(java.util.Comparator.comparing((Map<String, String> m) -> m.get(Columns.RULE_ID))
                .thenComparing(m -> m.get("audit_date")).thenComparing(m -> m.get("sample_id")));
        return rows;
    }

    public static String historyCsv(List<Map<String, String>> rows) {
        return csv(HISTORY_COLUMNS, rows.stream().map(m -> HISTORY_COLUMNS.stream().<Object>map(m::get).toList()).toList());
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
    }

    private static String csv(List<String> header, List<List<Object>> rows) {
        return org.chronolens.io.CsvText.of(header, rows);
    }
}
