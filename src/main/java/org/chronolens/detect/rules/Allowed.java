package org.chronolens.detect.rules;

import java.util.List;

import org.chronolens.check.Vocabulary;

/** The outcomes a parameter may name, from the chronology vocabulary. */
final class Allowed {

    private Allowed() {
    }

    static List<String> of(String eventType) {
        return Vocabulary.OUTCOMES.get(eventType);
    }
}
