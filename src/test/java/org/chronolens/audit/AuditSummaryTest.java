package org.chronolens.audit;

import org.chronolens.io.TextFiles;
import org.chronolens.util.Intervals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.chronolens.TestFiles;
import org.chronolens.ingest.InputRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** Checklists are read strictly; precision, intervals, kappa and the history follow from the verdicts. */
class AuditSummaryTest {

    private static final String HEADER = "flag_key,stratum,rank,rule_id,case_id,subject_id,page,explanation,verdict,auditor,comment";

    @TempDir
    Path dir;

    private Path pack(String... flagsAndRules) {
        StringBuilder sample = new StringBuilder("flag_key,stratum,rank,draw,rule_id,case_id,subject_id,severity,"
                + "window_start,window_end,evidence_event_ids,explanation,page\n");
        for (int i = 0; i < flagsAndRules.length; i++) {
            String rule = flagsAndRules[i].substring(0, flagsAndRules[i].indexOf('|'));
            sample.append(flagsAndRules[i]).append(',').append(rule).append(',').append(i + 1).append(",h,").append(rule)
                    .append(",C1,C1-C1,low,2026-01-01,2026-02-01,E1,text,subjects/C1/C1-C1.html\n");
        }
        TestFiles.csv(dir, "sample.csv", sample.toString().strip());
        return dir;
    }

    private Path checklist(String name, String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = HEADER;
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split(":", -1); // key:verdict:auditor:comment
            String rule = f[0].substring(0, f[0].indexOf('|'));
            lines[i + 1] = f[0] + "," + rule + ",1," + rule + ",C1,C1-C1,p,text," + f[1] + "," + f[2] + "," + f[3];
        }
        return TestFiles.csv(dir, name, lines);
    }

    private static final TextFiles LOCAL = new TextFiles(new org.apache.hadoop.conf.Configuration());

    /** The checklists, each checked against the audit pack in its own folder. */
    private static Checklists.Read read(Path... checklists) {
        return Checklists.read(java.util.Arrays.stream(checklists).map(Path::toString).toList(), null, LOCAL);
    }

    @Test
    void everyProblemInEveryChecklistIsReportedWithItsFileAndLine() {
        pack("missed-appointments|C1|C1-C1", "child-not-seen|C1|C1-C1");
        Path a = checklist("a.csv",
                "missed-appointments|C1|C1-C1:agree:aud-a:fine",
                "missed-appointments|C9|C9-C1:agree:aud-a:not in the sample",
                "child-not-seen|C1|C1-C1:yes:aud-a:",
                "child-not-seen|C1|C1-C1:disagree::no auditor");
        Path b = checklist("b.csv",
                "missed-appointments|C1|C1-C1:agree:Jane Smith:",
                "child-not-seen|C1|C1-C1:agree:aud-b:ring 020 7946 0958");
        InputRefusedException e = assertThrows(InputRefusedException.class, () -> read(a, b));
        String m = e.getMessage();
        assertTrue(m.startsWith("the checklists were refused; nothing was summarised"), m);
        assertTrue(m.contains("a.csv line 3: flag_key 'missed-appointments|C9|C9-C1' is not in the sample"), m);
        assertTrue(m.contains("a.csv line 4: verdict 'yes' is not one of agree, disagree, unclear"), m);
        assertTrue(m.contains("a.csv line 5: auditor is missing; every verdict is signed"), m);
        assertTrue(m.contains("b.csv line 2: auditor 'Jane Smith' is not a pseudonym"), m);
        assertTrue(m.contains("b.csv line 3: comment holds what looks like a personal identifier (phone)"), m);
        assertFalse(m.contains("7946"), "the identifier is not echoed");
        assertFalse(m.contains("a.csv line 2:"), "line 2 is valid");
    }

    @Test
    void aChecklistWithoutItsSampleOrWithTheWrongColumnsIsRefused() throws Exception {
        Path lone = TestFiles.csv(dir.resolve("elsewhere"), "c.csv", HEADER);
        assertTrue(assertThrows(InputRefusedException.class, () -> read(lone)).getMessage()
                .contains("there is no sample.csv beside it; give the audit pack it came from with --sample DIR"));
        pack("missed-appointments|C1|C1-C1");
        Path bad = TestFiles.csv(dir, "bad.csv", "flag_key,verdict", "missed-appointments|C1|C1-C1,agree");
        assertTrue(assertThrows(InputRefusedException.class, () -> read(bad)).getMessage()
                .contains("bad.csv line 1: missing column(s) [rule_id, auditor, comment]"));
    }

    @Test
    void precisionLeavesOutUnclearAndDisputedFlagsAndARuleWhollyBelowTargetIsToBeRevisited() {
        String[] keys = new String[12];
        for (int i = 0; i < 12; i++) {
            keys[i] = (i < 10 ? "child-not-seen|C" : "missed-appointments|C") + i + "|x";
        }
        pack(keys);
        String[] rows = new String[12];
        for (int i = 0; i < 10; i++) {
            rows[i] = keys[i] + ":" + (i < 2 ? "agree" : i < 9 ? "disagree" : "unclear") + ":aud-a:";
        }
        rows[10] = keys[10] + ":agree:aud-a:";
        rows[11] = keys[11] + ":::";
        Path a = checklist("a.csv", rows);
        Path b = checklist("b.csv", keys[10] + ":disagree:aud-b:");
        Checklists.Read read = read(a, b);
        assertEquals(1, read.notAudited(), "the untouched row");
        AuditSummary.Result r = AuditSummary.of(read, 0.8);
        AuditSummary.RuleResult cns = r.rules().get(0);
        assertEquals("child-not-seen", cns.ruleId());
        assertEquals(List.of(10L, 2L, 7L, 1L), List.of(cns.audited(), cns.agree(), cns.disagree(), cns.unclear()));
        assertEquals(2 / 9.0, cns.precision(), 1e-12);
        assertEquals(Intervals.wilson(2, 9, Intervals.Z95), cns.interval());
        assertEquals("revisit threshold", cns.status());
        AuditSummary.RuleResult ma = r.rules().get(1);
        assertEquals(1, ma.disputed(), "aud-a agreed, aud-b disagreed");
        assertEquals("no verdicts to judge by", ma.status());
        assertEquals(1, r.agreement().size());
        assertEquals(0.0, r.agreement().get(0).observed());
    }

    @Test
    void theSampleDataAuditGivesTheFiguresInTheDocs() {
        Checklists.Read read = read(Path.of("sample-data/audit/checklist-aud-a.csv"),
                Path.of("sample-data/audit/checklist-aud-b.csv"));
        AuditSummary.Result r = AuditSummary.of(read, 0.8);
        assertEquals(88, r.flags());
        assertEquals(2, r.notAudited());
        AuditSummary.Agreement ab = r.agreement().get(0);
        assertEquals(List.of("aud-a", "aud-b", 45L), List.of(ab.auditorA(), ab.auditorB(), ab.flags()));
        assertEquals(0.8276, ab.kappa(), 5e-5);
        assertEquals("revisit threshold", r.rules().stream().filter(x -> x.ruleId().equals("advice-non-adherence"))
                .findFirst().orElseThrow().status());
    }

    @Test
    void summarisingTheSameSampleAgainReplacesItsHistoryRowsAndKeepsOtherAudits() throws Exception {
        pack("missed-appointments|C1|C1-C1");
        Checklists.Read read = new Checklists.Read(List.of(new Checklists.Verdict("a.csv", 2,
                "missed-appointments|C1|C1-C1", "missed-appointments", "missed-appointments", "aud-a", "agree")), 0,
                List.of("sample-2"));
        AuditSummary.Result r = AuditSummary.of(read, 0.8);
        Path history = TestFiles.csv(dir, "history.csv", String.join(",", AuditSummary.HISTORY_COLUMNS),
                "2026-10-01,sample-1,missed-appointments,5,4,1,0,0,0.8000,0.3755,0.9638,inconclusive: audit more",
                "2026-11-01,sample-2,missed-appointments,9,9,0,0,0,1.0000,0.7,1.0,inconclusive: audit more");
        List<Map<String, String>> rows = AuditSummary.history(history.toString(), LOCAL, r, List.of("sample-2"), LocalDate.parse("2026-11-27"));
        assertEquals(2, rows.size());
        assertEquals("sample-1", rows.get(0).get("sample_id"));
        assertEquals("2026-11-27", rows.get(1).get("audit_date"));
        assertEquals("1", rows.get(1).get("audited"));
        assertTrue(AuditSummary.historyCsv(rows).startsWith("audit_date,sample_id,rule_id,audited,"));
        assertTrue(Files.exists(history));
    }
}
