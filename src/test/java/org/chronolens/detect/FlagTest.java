package org.chronolens.detect;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A flag built part by part is the record the eleven arguments made, and a part left out is named. */
class FlagTest {

    private static final Rule RULE = new Rule() {
        @Override
        public String id() {
            return "some-rule";
        }

        @Override
        public Theme theme() {
            return Theme.ESCALATION;
        }

        @Override
        public List<Flag> evaluate(Chronology chronology) {
            return List.of();
        }
    };

    private static final LocalDate START = LocalDate.of(2026, 1, 5);
    private static final LocalDate END = LocalDate.of(2026, 3, 1);

    @Test
    void theBuilderMakesTheSameRecordAsItsConstructor() {
        Flag built = Flag.of(RULE, "C1", "S1").window(START, END).metric(3, "3 within 90 days")
                .severity(Severity.MEDIUM).evidence(List.of("e9", "e2", "e5")).explaining("3 of 4 were missed");
        Flag made = new Flag("some-rule", "escalation", "C1", "S1", START, END, 3.0, "3 within 90 days",
                Severity.MEDIUM, List.of("e2", "e5", "e9"), "3 of 4 were missed");
        assertEquals(made, built);
        assertEquals(List.of("e2", "e5", "e9"), built.evidenceEventIds(), "evidence is sorted, whatever its order");
    }

    @Test
    void aFamilyLevelFlagHasNoSubject() {
        Flag f = Flag.of(RULE, "C1", null).window(START, START).metric(1, "1").severity(Severity.LOW)
                .evidence(List.of("e1")).explaining("x");
        assertNull(f.subjectId());
    }

    @Test
    void aFlagConcernsTheChildItNamesOrWhoseChronologyHoldsItsEvidenceOrSomeOfItsOwn() {
        Set<String> c1 = Set.of("F1", "A1", "A2"), c1Own = Set.of("A1", "A2"), c2 = Set.of("F1", "B1"), c2Own = Set.of("B1");
        assertTrue(Flag.concerns("C1", List.of("B1"), "C1", c1, c1Own), "a flag naming the child");
        assertFalse(Flag.concerns("C2", List.of("F1"), "C1", c1, c1Own), "a flag naming a sibling");
        assertTrue(Flag.concerns(null, List.of("F1"), "C1", c1, c1Own), "the family's events are every child's");
        assertTrue(Flag.concerns(null, List.of("F1"), "C2", c2, c2Own));
        assertTrue(Flag.concerns(null, List.of("F1", "A1"), "C1", c1, c1Own));
        assertFalse(Flag.concerns(null, List.of("F1", "A1"), "C2", c2, c2Own), "the family's and a sibling's: the sibling's");
        assertTrue(Flag.concerns(null, List.of("A1", "B1"), "C1", c1, c1Own), "evidence across two children: both");
        assertTrue(Flag.concerns(null, List.of("A1", "B1"), "C2", c2, c2Own));
    }

    @Test
    void aMissingPartIsNamedWithTheRule() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Flag.of(RULE, "C1", "S1").window(START, END).evidence(List.of("e1")).explaining("x"));
        assertEquals("a flag of rule some-rule on case C1 needs a metric and its threshold, a severity", e.getMessage());
    }
}
