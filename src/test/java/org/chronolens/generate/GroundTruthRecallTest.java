package org.chronolens.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.detect.Theme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules against the generator's ground truth at 2,000 cases: every planted pattern is found
 * for the subject (or case) it was planted in, and no child of an engaged family is flagged by a
 * family-pattern rule. The figures are printed for docs/rules.md.
 */
class GroundTruthRecallTest {

    private static final int CASES = 2_000;

    @Test
    void everyPlantedPatternIsFoundAndEngagedFamiliesAreNeverFlaggedByAFamilyRule() {
        RuleSet rules = Catalogue.standard().defaults();
        Map<String, int[]> recall = new TreeMap<>(); // rule -> {planted, found}
        int engagedChildren = 0;
        List<String> engagedFlags = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            String caseId = String.format("C%06d", i);
            FamilyGenerator.Family family = new FamilyGenerator(new SplittableRandom(Generator.mix(11, i)), caseId,
                    Generator.DEFAULT_END).generate();
            List<Event> events = family.events().stream().map(GroundTruthRecallTest::event).toList();
            List<Flag> flags = rules.evaluate(Chronology.of(caseId, Generator.DEFAULT_END, events));
            for (GroundTruth t : family.truths()) {
                Set<String> found = flags.stream()
                        .filter(f -> t.subjectId() == null ? f.subjectId() == null : t.subjectId().equals(f.subjectId()))
                        .map(Flag::ruleId).collect(Collectors.toSet());
                for (String rule : t.planted()) {
                    int[] r = recall.computeIfAbsent(rule, k -> new int[2]);
                    r[0]++;
                    if (found.contains(rule)) {
                        r[1]++;
                    } else {
                        missed.add(rule + " in " + caseId + " " + t.subjectId());
                    }
                }
                if (t.persona().equals(Persona.ENGAGED.code()) && t.subjectId() != null) {
                    engagedChildren++;
                    flags.stream().filter(f -> t.subjectId().equals(f.subjectId())
                                    && f.theme().equals(Theme.DISGUISED_COMPLIANCE))
                            .forEach(f -> engagedFlags.add(f.ruleId() + " for " + f.subjectId()));
                }
            }
        }
        StringBuilder report = new StringBuilder("ground truth at " + CASES + " cases (seed 11):\n");
        recall.forEach((rule, r) -> report.append(String.format("  %-32s planted %5d  found %5d  recall %.1f %%%n",
                rule, r[0], r[1], 100.0 * r[1] / r[0])));
        report.append("  engaged children: ").append(engagedChildren).append(", flagged by a family-pattern rule: ")
                .append(engagedFlags.size());
        System.out.println(report);
        assertEquals(12, recall.size(), "every rule was planted: " + recall.keySet());
        assertEquals(List.of(), missed, "planted patterns not found");
        assertEquals(List.of(), engagedFlags, "engaged families flagged by a family-pattern rule");
        assertTrue(engagedChildren > 1000, "enough engaged children to mean something: " + engagedChildren);
    }

    static Event event(GeneratedEvent g) {
        return new Event(g.caseId(), g.subjectId(), g.eventId(), g.date(), g.time() == null ? null : g.time() + ":00",
                g.agency(), g.type(), g.outcome(), g.relatedEventId(), g.dueDate(),
                g.attendees() == null ? List.of() : List.of(g.attendees().split(";")));
    }
}
