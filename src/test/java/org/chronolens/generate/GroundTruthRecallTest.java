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
 * for the subject (or case) it was planted in, and children of engaged families are flagged by a
 * family-pattern rule only by the chance the shared noise gives (a bounded share, not never). The
 * figures are printed for docs/generator.md, whose recall table must match them.
 */
class GroundTruthRecallTest {

    private static final int CASES = 2_000;
    /** The most of engaged families' children that chance may flag for a family pattern. */
    private static final double ENGAGED_FLAGGED_CEILING = 0.10;

    @Test
    void everyPlantedPatternIsFoundAndEngagedFamiliesAreFlaggedOnlyByChanceNoise() throws java.io.IOException {
        RuleSet rules = Catalogue.standard().defaults();
        Map<String, int[]> recall = new TreeMap<>(); // rule -> {planted, found}
        Map<String, Integer> fired = new TreeMap<>();
        int children = 0;
        Set<String> flaggedChildren = new java.util.HashSet<>();
        int engagedChildren = 0;
        Set<String> engagedFlagged = new java.util.TreeSet<>();
        Map<String, Integer> engagedByRule = new TreeMap<>();
        Map<String, int[]> byPersona = new TreeMap<>(); // persona -> {children, flagged}
        List<String> missed = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            String caseId = String.format("C%06d", i);
            FamilyGenerator.Family family = new FamilyGenerator(new SplittableRandom(Generator.mix(11, i)), caseId,
                    Generator.DEFAULT_END).generate();
            List<Event> events = family.events().stream().map(GroundTruthRecallTest::event).toList();
            List<Flag> flags = rules.evaluate(Chronology.of(caseId, Generator.DEFAULT_END, events));
            flags.forEach(f -> fired.merge(f.ruleId(), 1, Integer::sum));
            flags.stream().filter(f -> f.subjectId() != null).forEach(f -> flaggedChildren.add(f.subjectId()));
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
                if (t.subjectId() != null) {
                    children++;
                    int[] p = byPersona.computeIfAbsent(t.persona(), k -> new int[2]);
                    p[0]++;
                    if (flags.stream().anyMatch(f -> t.subjectId().equals(f.subjectId()))) {
                        p[1]++;
                    }
                }
                if (t.persona().equals(Persona.ENGAGED.code()) && t.subjectId() != null) {
                    engagedChildren++;
                    flags.stream().filter(f -> t.subjectId().equals(f.subjectId())
                                    && Theme.DISGUISED_COMPLIANCE.title().equals(f.theme()))
                            .forEach(f -> {
                                engagedFlagged.add(f.subjectId());
                                engagedByRule.merge(f.ruleId(), 1, Integer::sum);
                            });
                }
            }
        }
        double engagedShare = engagedFlagged.size() / (double) engagedChildren;
        StringBuilder report = new StringBuilder("ground truth at " + CASES + " cases (seed 11):\n");
        recall.forEach((rule, r) -> report.append(String.format("  %-32s planted %5d  found %5d  recall %.1f %%  flags %5d%n",
                rule, r[0], r[1], 100.0 * r[1] / r[0], fired.getOrDefault(rule, 0))));
        report.append(String.format("  children %d, flagged %d (%.1f %%); engaged children %d, flagged by a family-pattern"
                + " rule %d (%.1f %%)", children, flaggedChildren.size(), 100.0 * flaggedChildren.size() / children,
                engagedChildren, engagedFlagged.size(), 100 * engagedShare));
        byPersona.forEach((persona, p) -> report.append(String.format("%n  %-28s children %5d  flagged %5d (%.1f %%)",
                persona, p[0], p[1], 100.0 * p[1] / p[0])));
        report.append("\n  engaged children's family-pattern flags by rule: ").append(engagedByRule);
        System.out.println(report);
        assertEquals(Catalogue.standard().ids().stream().sorted().toList(), List.copyOf(recall.keySet()),
                "every rule was planted");
        assertEquals(List.of(), missed, "planted patterns not found");
        Map<String, List<Integer>> measured = new TreeMap<>();
        recall.forEach((rule, r) -> measured.put(rule, List.of(r[0], r[1])));
        assertEquals(RecallDocsTest.documented(), measured,
                "docs/generator.md's recall table (rule -> [planted, found]) must be what this measures: copy the "
                        + "figures printed above");
        assertTrue(engagedShare <= ENGAGED_FLAGGED_CEILING, "engaged children flagged by a family-pattern rule: "
                + engagedFlagged.size() + " of " + engagedChildren + ", over the ceiling of " + ENGAGED_FLAGGED_CEILING);
        assertTrue(engagedChildren > 1000, "enough engaged children to mean something: " + engagedChildren);
    }

    static Event event(GeneratedEvent g) {
        return new Event(g.caseId(), g.subjectId(), g.eventId(), g.date(), g.time() == null ? null : g.time() + ":00",
                g.agency(), g.type(), g.outcome(), g.relatedEventId(), g.dueDate(),
                g.attendees() == null ? List.of() : List.of(g.attendees().split(";")));
    }
}
