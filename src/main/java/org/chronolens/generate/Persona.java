package org.chronolens.generate;

import java.util.List;

/**
 * How the carers in a generated family engage, with the patterns the generator plants for it.
 * Weights are shares of generated families; the planted rule ids are those of rules-v1.
 */
public enum Persona {
    ENGAGED("engaged", 45, 0.93, List.of()),
    STRUGGLING("struggling_with_barriers", 20, 0.72,
            List.of("missed-appointments", "consecutive-missed-appointments")),
    DISGUISED_COMPLIANCE("disguised_compliance", 13, 0.33,
            List.of("compliance-around-scrutiny", "agreement-not-followed-through", "superficial-engagement")),
    HOSTILE_OR_AVOIDANT("hostile_or_avoidant", 10, 0.50,
            List.of("hostility-or-resistance", "child-not-seen")),
    MEDICALLY_NON_ADHERENT("medically_non_adherent", 12, 0.85, List.of("advice-non-adherence"));

    private final String code;
    private final int weight;
    private final double engagement;
    private final List<String> planted;

    Persona(String code, int weight, double engagement, List<String> planted) {
        this.code = code;
        this.weight = weight;
        this.engagement = engagement;
        this.planted = planted;
    }

    public String code() {
        return code;
    }

    /** Chance that a routine appointment, visit or contact goes ahead as planned. */
    double engagement() {
        return engagement;
    }

    /** Rule ids planted for each child of a family with this persona. */
    public List<String> planted() {
        return planted;
    }

    static Persona draw(java.util.SplittableRandom rnd) {
        int total = 0;
        for (Persona p : values()) {
            total += p.weight;
        }
        int pick = rnd.nextInt(total);
        for (Persona p : values()) {
            pick -= p.weight;
            if (pick < 0) {
                return p;
            }
        }
        throw new IllegalStateException();
    }
}
