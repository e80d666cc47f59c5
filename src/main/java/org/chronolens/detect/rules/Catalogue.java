package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.Theme;

import static org.chronolens.detect.rules.CountRule.counted;

/**
 * The one list of rules. A rule is an entry here: a {@link CountRule.Shape} for the "N within D
 * days" shape, or a class of its own with its {@code ENTRY}. The thresholds file's keys, the
 * effective thresholds, the sensitivity table, the report's rule pages, the prompts of a flag and
 * the flag keys of per-event rules all come from these entries. Order matters twice: it is the
 * order of every output, and a rule that builds on others comes after them.
 */
public final class Catalogue {

    public static final String MISSED_APPOINTMENTS = "missed-appointments";
    public static final String CHILD_NOT_SEEN = "child-not-seen";

    public static final RuleEntry MISSED = CountRule.entry(new CountRule.Shape(MISSED_APPOINTMENTS, "Appointments missed",
            Theme.DISGUISED_COMPLIANCE, "Appointments the child was not brought to, or did not attend, close together.",
            3, 90, "appointments", p -> "were missed",
            List.of(counted("appointment", "outcomes", "appointment outcomes that count as missed",
                    "was_not_brought", "did_not_attend")), List.of(), "appointments missed"));

    public static final RuleEntry ADVICE_NON_ADHERENCE = CountRule.entry(new CountRule.Shape("advice-non-adherence", "Medical advice not followed",
            Theme.DISGUISED_COMPLIANCE, "Medical advice not (or only partly) followed, and prescriptions not collected.",
            2, 180, "advice follow-ups and prescriptions", p -> "showed advice not followed",
            List.of(counted("advice_followup", "followup_outcomes", "follow-up outcomes that show advice not followed",
                            "not_adhered", "partially_adhered"),
                    counted("medication", "medication_outcomes", "prescription outcomes that count",
                            "not_collected")), List.of("cultural-curiosity"),
            "follow-ups and prescriptions showing advice not followed"));

    public static final RuleEntry NOT_SEEN = CountRule.entry(new CountRule.Shape(CHILD_NOT_SEEN, "Child not seen at home visits",
            Theme.DISGUISED_COMPLIANCE,
            "Home visits where the child was not seen: no access, entry refused, cancelled by the family.",
            2, 60, "home visits", p -> "did not see the child",
            List.of(counted("home_visit", "outcomes", "home visit outcomes where the child was not seen",
                    "child_not_seen", "no_access", "refused_entry", "cancelled_by_family")), List.of(),
            "home visits where the child was not seen"));

    private static final CountRule.Counted SUPERFICIAL_OUTCOMES = counted("engagement", "outcomes",
            "engagement outcomes that count", "superficial", "avoidant");

    public static final RuleEntry SUPERFICIAL = CountRule.entry(new CountRule.Shape("superficial-engagement", "Engagement only on the surface",
            Theme.DISGUISED_COMPLIANCE, "Practitioners recorded engagement as superficial or avoidant.",
            2, 90, "engagement records",
            p -> "recorded " + String.join(" or ", p.get(SUPERFICIAL_OUTCOMES.outcomes())) + " engagement",
            List.of(SUPERFICIAL_OUTCOMES), List.of(), "engagement records with a counted outcome"));

    public static final RuleEntry HOSTILITY = CountRule.entry(new CountRule.Shape("hostility-or-resistance", "Hostility or refused entry",
            Theme.DISGUISED_COMPLIANCE, "Hostility was recorded, or entry refused at a home visit.",
            1, 365, "engagement records and home visits", p -> "recorded hostility or refused entry",
            List.of(counted("engagement", "engagement_outcomes", "engagement outcomes that count", "hostile"),
                    counted("home_visit", "home_visit_outcomes", "home visit outcomes that count", "refused_entry")),
            List.of("resistance-and-hostility"), "records of hostility or refused entry"));

    private static final Catalogue STANDARD = new Catalogue(List.of(MISSED, ConsecutiveMissedAppointments.ENTRY,
            ADVICE_NON_ADHERENCE, AgreementNotFollowedThrough.ENTRY, NOT_SEEN, SUPERFICIAL, HOSTILITY,
            ComplianceAroundScrutiny.ENTRY, StrategyMeetingAttendance.ENTRY, ActionDriftWithoutEscalation.ENTRY,
            PatternHeldByOneAgency.ENTRY, AdviceNotFollowedUp.ENTRY, ChildOnPlanNotSeen.ENTRY, SelectiveEngagement.ENTRY,
            RepeatClosureAndReReferral.ENTRY));

    private final List<RuleEntry> entries;

    private Catalogue(List<RuleEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The rules this project ships. */
    public static Catalogue standard() {
        return STANDARD;
    }

    /** This catalogue with one more rule, listed last. */
    public Catalogue with(RuleEntry entry) {
        if (entry(entry.id()).isPresent()) {
            throw new IllegalArgumentException("the catalogue already has a rule " + entry.id());
        }
        if (entries.stream().anyMatch(e -> e.title().equalsIgnoreCase(entry.title()))) {
            throw new IllegalArgumentException(entry.id() + ": the catalogue already has a rule titled '"
                    + entry.title() + "'; a reviewer tells rules apart by their titles");
        }
        List<RuleEntry> more = new ArrayList<>(entries);
        more.add(entry);
        return new Catalogue(more);
    }

    public List<RuleEntry> entries() {
        return entries;
    }

    public List<String> ids() {
        return entries.stream().map(RuleEntry::id).toList();
    }

    public Optional<RuleEntry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Every rule, built with the partnership's parameters (defaults where it gives none). */
    public RuleSet build(RuleConfig config) {
        return RuleSet.build(entries, config);
    }

    /** Every rule with its default parameters. */
    public RuleSet defaults() {
        return build(RuleConfig.defaults());
    }
}
