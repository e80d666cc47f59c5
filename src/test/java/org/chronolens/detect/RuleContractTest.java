package org.chronolens.detect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.chronolens.config.ConfigException;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.*;

/** What every rule promises, whatever it looks for. */
class RuleContractTest {

    @TempDir
    java.nio.file.Path dir;

    static Stream<Rule> rules() {
        return Catalogue.standard().defaults().rules().stream();
    }

    /** A busy chronology drawn from every event type, so that most rules have something to say. */
    static List<Event> busy(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[][] kinds = {{"appointment", "was_not_brought"}, {"appointment", "attended"}, {"home_visit", "no_access"},
                {"home_visit", "refused_entry"}, {"engagement", "superficial"}, {"engagement", "hostile"},
                {"advice_followup", "not_adhered"}, {"medication", "not_collected"}, {"contact", "responded"},
                {"contact", "no_response"}, {"medical_advice", null}, {"cp_conference", null}, {"agreement", "made"},
                {"strategy_meeting", null}, {"action_agreed", null}, {"plan_started", "child_protection"},
                {"home_visit", "child_seen"}, {"case_closed", null}, {"referral", null}};
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            String[] k = kinds[rnd.nextInt(kinds.length)];
            String subject = rnd.nextInt(3) == 0 ? null : "C" + (1 + rnd.nextInt(2));
            Event e = Chronologies.ev(String.format("E%03d", i), LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(120)).toString(),
                    subject, k[0], k[1]);
            if (k[0].equals("action_agreed")) {
                e = e.withDue(e.date().plusDays(20).toString());
            }
            if (rnd.nextInt(3) == 0) {
                // Days that mix timed and untimed events: the order must still be the same whatever the input order.
                e = e.withTime(String.format("%02d:%02d:00", rnd.nextInt(24), 15 * rnd.nextInt(4)));
            }
            out.add(e);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void anEmptyChronologyGivesNoFlags(Rule rule) {
        assertEquals(List.of(), rule.evaluate(Chronology.of("F1", Chronologies.AS_OF, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void flagsAreCompleteAndDoNotDependOnInputOrder(Rule rule) {
        List<Event> events = busy(rule.id().hashCode());
        List<Flag> flags = rule.evaluate(Chronology.of("F1", Chronologies.AS_OF, events));
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(flags, rule.evaluate(Chronology.of("F1", Chronologies.AS_OF, shuffled)));
        for (Flag f : flags) {
            assertEquals(rule.id(), f.ruleId());
            assertEquals(rule.theme().title(), f.theme());
            assertEquals("F1", f.caseId());
            assertFalse(f.windowStart().isAfter(f.windowEnd()), f.toString());
            assertFalse(f.evidenceEventIds().isEmpty());
            assertEquals(f.evidenceEventIds().stream().sorted().toList(), f.evidenceEventIds());
            assertTrue(f.explanation().contains("(threshold: " + f.threshold() + ")"), f.explanation());
            assertNotNull(f.severity());
        }
    }

    /** The explanation is what a reviewer reads: "on a child protection plan … by social care", never the tokens. */
    @Test
    void explanationsAndThresholdsSpeakInWordsNotVocabularyTokens() {
        java.util.Set<String> tokens = new java.util.TreeSet<>(org.chronolens.check.Vocabulary.AGENCIES);
        org.chronolens.check.Vocabulary.OUTCOMES.forEach((type, outcomes) -> {
            tokens.add(type);
            tokens.addAll(outcomes);
        });
        tokens.removeIf(t -> !t.contains("_"));
        java.util.Set<String> ruled = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            Chronology c = Chronology.of("F1", Chronologies.AS_OF, busy(seed));
            for (Rule rule : Catalogue.standard().defaults().rules()) {
                for (Flag f : rule.evaluate(c)) {
                    ruled.add(rule.id());
                    for (String t : tokens) {
                        assertFalse(f.explanation().contains(t), rule.id() + " says '" + t + "': " + f.explanation());
                    }
                }
            }
        }
        // pattern-held-by-one-agency needs one agency alone; SystemRulesTest reads its sentence.
        assertTrue(ruled.containsAll(List.of("child-on-plan-not-seen", "selective-engagement",
                "strategy-meeting-attendance")), "the rules that name agencies fired: " + ruled);
    }

    /** Compliance around scrutiny needs a shape random events do not make; its own tests cover it. */
    @Test
    void hitsCountExactlyTheFlagsEvaluateWouldRaiseForEveryRuleAndThresholdVariant() {
        RuleSet set = Catalogue.standard().defaults();
        List<Rule> all = new ArrayList<>(set.rules());
        set.variants().forEach(v -> all.add(v.rule()));
        int fired = 0;
        for (long seed = 1; seed <= 60; seed++) {
            List<Event> events = busy(seed);
            // Sparse and dense chronologies: windows that just hold and just fail their counts.
            for (int size : new int[] {8, 25, 60, events.size()}) {
                Chronology c = Chronology.of("F1", Chronologies.AS_OF, events.subList(0, size));
                for (Rule r : all) {
                    int flags = r.evaluate(c).size();
                    assertEquals(flags, r.hits(c), r.id() + " on seed " + seed + ", " + size + " events");
                    fired += flags;
                }
            }
        }
        assertTrue(fired > 1000, "the chronologies raise flags to compare: " + fired);
    }

    @Test
    void everyOtherRuleFiresOnSomeBusyChronology() {
        List<String> fired = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            Catalogue.standard().defaults().evaluate(Chronology.of("F1", Chronologies.AS_OF, busy(seed)))
                    .forEach(f -> fired.add(f.ruleId()));
        }
        assertEquals(Catalogue.standard().ids().stream().filter(id -> !id.equals("compliance-around-scrutiny")).sorted().toList(),
                fired.stream().distinct().sorted().toList());
    }

    @Test
    void badParametersAreRejectedNamingRuleKeyValueAndRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.of(
                java.util.Map.of("missed-appointments", java.util.Map.of("count", 0)))));
        assertEquals("missed-appointments: count 0 is out of range; allowed 1 to 1000", e.getMessage());
        e = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.of(
                java.util.Map.of("missed-appointments", java.util.Map.of("outcomes", List.of("no_access"))))));
        assertTrue(e.getMessage().startsWith("missed-appointments: outcomes value 'no_access' is not allowed; expected one of attended"),
                e.getMessage());
    }

    @Test
    void aConfigFileSetsThresholdsAndReportsBadValuesWithTheirLine() {
        RuleSet set = Catalogue.standard().build(RuleConfig.load(TestFiles.csv(dir, "t.yaml",
                "rules:", "  missed-appointments:", "    count: 4", "    days: 60")));
        java.util.Map<String, Object> p = set.params("missed-appointments").orElseThrow().asMap();
        assertEquals(4, p.get("count"));
        assertEquals(60, p.get("days"));
        ConfigException bad = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.load(
                TestFiles.csv(dir, "b.yaml", "rules:", "  child-not-seen:", "    days: 0"))));
        assertTrue(bad.getMessage().contains("b.yaml line 3") && bad.getMessage().contains(
                "child-not-seen: days 0 is out of range; allowed 1 to 3650"), bad.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.load(
                TestFiles.csv(dir, "u.yaml", "rules:", "  child-not-seen:", "    window: 30"))));
        assertTrue(unknown.getMessage().contains("u.yaml line 3 (rules.child-not-seen): unknown key 'window'"),
                unknown.getMessage());
        ConfigException rule = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.load(
                TestFiles.csv(dir, "r.yaml", "rules:", "  missed-appointment:", "    count: 3"))));
        assertTrue(rule.getMessage().contains("r.yaml line 2 (rules): unknown key 'missed-appointment'"), rule.getMessage());
    }

    /** Was a defect: an error named the section's first line, whichever key was at fault. */
    @Test
    void aBadValueIsReportedAtItsOwnKeysLine() {
        ConfigException bad = assertThrows(ConfigException.class, () -> Catalogue.standard().build(RuleConfig.load(
                TestFiles.csv(dir, "k.yaml", "rules:", "  child-not-seen:", "    count: 2", "    outcomes: [no_access]",
                        "    days: 0"))));
        assertTrue(bad.getMessage().startsWith(dir.resolve("k.yaml") + " line 5"), bad.getMessage());
    }

    /** The rule set travels to Spark's executors inside the case evaluator: it must serialize, variants and all. */
    @Test
    void theRuleSetSerializesAndEvaluatesTheSameAfterwards() throws Exception {
        RuleSet set = Catalogue.standard().defaults();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(set);
        }
        RuleSet copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RuleSet) in.readObject();
        }
        Chronology c = Chronology.of("F1", Chronologies.AS_OF, busy(3));
        assertEquals(set.evaluate(c), copy.evaluate(c));
        assertEquals(set.variants().size(), copy.variants().size());
    }
}
