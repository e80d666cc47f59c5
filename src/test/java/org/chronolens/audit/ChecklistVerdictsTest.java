package org.chronolens.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.chronolens.TestFiles;
import org.chronolens.io.HadoopConf;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** Verdicts recorded from a pack's page land in the checklist as an auditor would type them, one checklist per auditor. */
class ChecklistVerdictsTest {

    @TempDir
    Path pack;

    private ChecklistVerdicts verdicts() {
        TestFiles.csv(pack, "sample.csv", "flag_key,stratum,rank,rule_id",
                "missed-appointments|F1|C1,missed-appointments,1,missed-appointments",
                "missed-appointments|F2|C2,missed-appointments,2,missed-appointments");
        TestFiles.csv(pack, "checklist.csv", "flag_key,stratum,rank,rule_id,case_id,subject_id,page,explanation,verdict,auditor,comment",
                "missed-appointments|F1|C1,missed-appointments,1,missed-appointments,F1,C1,subjects/F1/C1.html,\"Three missed, in 20 days\",,,",
                "missed-appointments|F2|C2,missed-appointments,2,missed-appointments,F2,C2,subjects/F2/C2.html,Three missed,,,");
        return new ChecklistVerdicts(new TextFiles(HadoopConf.of(Map.of())), pack.toString());
    }

    @Test
    void aSecondAuditorGetsAChecklistOfTheirOwnAndTheSummaryReadsBoth() throws Exception {
        ChecklistVerdicts v = verdicts();
        v.record("aud-a", "missed-appointments|F1|C1", "agree", "=In the record");
        v.record("aud-a", "missed-appointments|F1|C1", "disagree", "Read again: not there");
        v.record("aud-b", "missed-appointments|F1|C1", "agree", "");
        String first = Files.readString(pack.resolve("checklist.csv"));
        assertTrue(first.contains("Three missed, in 20 days\",disagree,aud-a,Read again: not there"),
                "the later verdict replaces the earlier, the other columns kept: " + first);
        assertTrue(Files.readString(pack.resolve("checklist-aud-b.csv")).contains(",agree,aud-b,"), "aud-b's own checklist");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pack.resolve("checklist-aud-b.csv"))));
        Checklists.Read read = Checklists.read(List.of(pack.resolve("checklist.csv").toString(),
                pack.resolve("checklist-aud-b.csv").toString()), null, new TextFiles(HadoopConf.of(Map.of())));
        assertEquals(2, read.verdicts().size(), "audit-summary reads both, unchanged");
        assertEquals(2, read.notAudited());
        assertEquals(Map.of("missed-appointments|F1|C1", "disagree"), Map.of("missed-appointments|F1|C1",
                v.of("aud-a").get("missed-appointments|F1|C1").verdict()));
    }

    @Test
    void aCommentFormulaIsGuardedForSpreadsheets() throws Exception {
        verdicts().record("aud-a", "missed-appointments|F2|C2", "unclear", "=HYPERLINK(\"http://x\")");
        assertTrue(Files.readString(pack.resolve("checklist.csv")).contains(",unclear,aud-a,\"'=HYPERLINK("));
    }

    @Test
    void aCommentWithAnIdentifierOrAControlCharacterAWrongVerdictOrAnUnknownFlagWriteNothing() throws Exception {
        ChecklistVerdicts v = verdicts();
        String before = Files.readString(pack.resolve("checklist.csv"));
        UsageException pii = assertThrows(UsageException.class,
                () -> v.record("aud-a", "missed-appointments|F1|C1", "agree", "NHS 943 476 5919 seen"));
        assertEquals("the verdict was refused; nothing was written: the comment holds what looks like an NHS number; "
                + "rewrite it without", pii.getMessage());
        UsageException control = assertThrows(UsageException.class,
                () -> v.record("aud-a", "missed-appointments|F1|C1", "agree", "esc\u001bx"));
        assertTrue(control.getMessage().contains("the comment holds a control character (code 27)"), control.getMessage());
        UsageException verdict = assertThrows(UsageException.class,
                () -> v.record("aud-a", "missed-appointments|F1|C1", "maybe", ""));
        assertTrue(verdict.getMessage().contains("verdict 'maybe' is not one of agree, disagree, unclear"), verdict.getMessage());
        UsageException flag = assertThrows(UsageException.class,
                () -> v.record("aud-a", "missed-appointments|F9|C9", "agree", ""));
        assertTrue(flag.getMessage().contains("flag 'missed-appointments|F9|C9' is not in this audit pack's checklist"),
                flag.getMessage());
        assertEquals(before, Files.readString(pack.resolve("checklist.csv")), "nothing was written");
    }
}
