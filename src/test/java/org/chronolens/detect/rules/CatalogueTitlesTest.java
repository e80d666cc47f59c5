package org.chronolens.detect.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Theme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Every rule has a plain title a reviewer reads instead of its id, and a new rule without one is refused. */
class CatalogueTitlesTest {

    @Test
    void everyRuleOfTheCatalogueHasItsOwnPlainTitle() {
        Set<String> seen = new HashSet<>();
        for (RuleEntry e : Catalogue.standard().entries()) {
            assertFalse(e.title().contains("-") && !e.title().contains(" "), e.id() + "'s title is words: " + e.title());
            assertTrue(Character.isUpperCase(e.title().charAt(0)), e.id() + "'s title reads as a heading: " + e.title());
            assertTrue(seen.add(e.title().toLowerCase(java.util.Locale.ROOT)), "two rules titled " + e.title());
        }
        assertEquals("Appointments missed", Catalogue.standard().entry("missed-appointments").orElseThrow().title());
    }

    @Test
    void aNewRuleWithoutATitleIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleEntry.of("no-title")
                .theme(Theme.ESCALATION).description("A rule.").build((p, built) -> null));
        assertTrue(e.getMessage().startsWith("no-title: an entry needs a plain title of up to 60 characters"),
                e.getMessage());
    }

    @Test
    void aNewRuleWithoutAMeasureIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleEntry.of("no-measure")
                .title("Without a measure").theme(Theme.ESCALATION).description("A rule.").build((p, built) -> null));
        assertTrue(e.getMessage().startsWith("no-measure: an entry needs a measure"), e.getMessage());
    }

    @Test
    void aNewRuleMustNameTheEventsItCountsFromTheVocabulary() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> RuleEntry.of("no-counts")
                .title("Without counts").theme(Theme.ESCALATION).description("A rule.").measure("things")
                .build((p, built) -> null));
        assertTrue(none.getMessage().startsWith("no-counts: an entry names the events its definition counts"),
                none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> RuleEntry.of("typo")
                .title("A typo").theme(Theme.ESCALATION).description("A rule.").measure("things")
                .counts("appointment:was_not_brougt").build((p, built) -> null));
        assertEquals("typo: counts 'appointment:was_not_brougt', which is not an event type or an event_type:outcome of "
                + "the chronology's vocabulary", unknown.getMessage());
        assertEquals(List.of("appointment"), Catalogue.MISSED.counts(), "a count rule reads the types it counts, whole");
    }

    @Test
    void everyShippedRuleSaysWhatItsMetricCounts() {
        for (RuleEntry entry : Catalogue.standard().entries()) {
            assertFalse(entry.measure().isBlank(), entry.id());
            assertNotEquals(entry.id(), entry.measure(), entry.id());
        }
        assertEquals("appointments missed in the window", Catalogue.MISSED.measure());
    }

    @Test
    void aSecondRuleWithTheSameTitleIsRefused() {
        RuleEntry twin = RuleEntry.of("twin").title("Appointments missed").theme(Theme.ESCALATION)
                .description("A rule.").measure("appointments missed").counts("appointment").build((p, built) -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Catalogue.standard().with(twin));
        assertEquals("twin: the catalogue already has a rule titled 'Appointments missed'; a reviewer tells rules "
                + "apart by their titles", e.getMessage());
    }
}
