package org.chronolens.generate;

import java.util.List;

/**
 * How the carers in a generated family engage, with the patterns the generator plants for it.
 * Weights are shares of generated families. Every persona draws its routine outcomes from the
 * same kinds of noise (missed appointments, unanswered contacts, visits without access), only at
 * different rates, so that no single outcome marks a persona; the rates and their sources are in
 * docs/generator.md.
 */
public enum Persona {
    ENGAGED("engaged", 75, new Rates(0.05, 0.05, 0.10, 0.03, 0.08, 0.04, 0.05, 0.03, 0.12, 0.02),
            List.of()),
    STRUGGLING("struggling_with_barriers", 8, new Rates(0.14, 0.12, 0.22, 0.08, 0.20, 0.15, 0.15, 0.20, 0.55, 0.25),
            List.of("missed-appointments", "consecutive-missed-appointments")),
    DISGUISED_COMPLIANCE("disguised_compliance", 4, new Rates(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.20, 1.0, 0.0),
            List.of("compliance-around-scrutiny", "agreement-not-followed-through", "superficial-engagement")),
    HOSTILE_OR_AVOIDANT("hostile_or_avoidant", 4, new Rates(0.22, 0.10, 0.35, 0.20, 0.30, 0.20, 0.50, 0.50, 1.0, 0.0),
            List.of("hostility-or-resistance", "child-not-seen")),
    MEDICALLY_NON_ADHERENT("medically_non_adherent", 5, new Rates(0.09, 0.06, 0.12, 0.05, 0.60, 0.50, 0.15, 0.10, 0.5, 0.10),
            List.of("advice-non-adherence")),
    SELECTIVE("selectively_engaging", 4, new Rates(0.12, 0.06, 0.15, 0.06, 0.25, 0.20, 0.15, 0.15, 0.4, 0.10),
            List.of("selective-engagement"));

    /**
     * A persona's chances, each per routine event unless it says otherwise. For disguised
     * compliance the outcome rates are not used: its routine outcomes are good before conferences
     * and poor otherwise by construction (see FamilyGenerator).
     *
     * @param missed        an appointment the child is not brought to, or does not attend
     * @param movedByFamily an appointment the family cancels or rebooks
     * @param noResponse    a contact that gets no response
     * @param notSeen       a home visit without seeing the child (no access, not seen, cancelled by the family)
     * @param notAdhered    a follow-up finding advice not or only partly followed
     * @param notCollected  a prescription not collected
     * @param breached      a written agreement breached
     * @param superficial   a monthly engagement record reading superficial or avoidant
     * @param protection    per case: the referral leads to a child protection plan
     * @param startAgain    per case: closed and re-referred twice (planted, with ground truth)
     */
    record Rates(double missed, double movedByFamily, double noResponse, double notSeen, double notAdhered,
                 double notCollected, double breached, double superficial, double protection, double startAgain) {
    }

    private final String code;
    private final int weight;
    private final Rates rates;
    private final List<String> planted;

    Persona(String code, int weight, Rates rates, List<String> planted) {
        this.code = code;
        this.weight = weight;
        this.rates = rates;
        this.planted = planted;
    }

    public String code() {
        return code;
    }

    Rates rates() {
        return rates;
    }

    /** Share of generated families with this persona, in per cent. */
    int weight() {
        return weight;
    }

    /** Rule ids planted for a child of a family with this persona (which child: see FamilyGenerator). */
    public List<String> planted() {
        return planted;
    }

    static Persona draw(Dice dice) {
        Persona[] all = values();
        int[] weights = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            weights[i] = all[i].weight;
        }
        return all[dice.pick(weights)];
    }
}
