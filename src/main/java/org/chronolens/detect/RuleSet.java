package org.chronolens.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chronolens.detect.rules.ActionDriftWithoutEscalation;
import org.chronolens.detect.rules.AdviceNonAdherence;
import org.chronolens.detect.rules.AdviceNotFollowedUp;
import org.chronolens.detect.rules.AgreementNotFollowedThrough;
import org.chronolens.detect.rules.ChildNotSeen;
import org.chronolens.detect.rules.ComplianceAroundScrutiny;
import org.chronolens.detect.rules.ConsecutiveMissedAppointments;
import org.chronolens.detect.rules.HostilityOrResistance;
import org.chronolens.detect.rules.MissedAppointments;
import org.chronolens.detect.rules.PatternHeldByOneAgency;
import org.chronolens.detect.rules.StrategyMeetingAttendance;
import org.chronolens.detect.rules.SuperficialEngagement;

/**
 * The twelve rules of rules-v1 with a partnership's parameters, validated when built. Also what
 * the run writes as its effective thresholds.
 */
public final class RuleSet implements Serializable {

    public static final List<String> IDS = List.of(
            MissedAppointments.ID, ConsecutiveMissedAppointments.ID, AdviceNonAdherence.ID,
            AgreementNotFollowedThrough.ID, ChildNotSeen.ID, SuperficialEngagement.ID, HostilityOrResistance.ID,
            ComplianceAroundScrutiny.ID, StrategyMeetingAttendance.ID, ActionDriftWithoutEscalation.ID,
            PatternHeldByOneAgency.ID, AdviceNotFollowedUp.ID);

    private final List<Rule> rules;
    private final Map<String, Object> parameters;

    private RuleSet(List<Rule> rules, Map<String, Object> parameters) {
        this.rules = rules;
        this.parameters = parameters;
    }

    public static RuleSet defaults() {
        return from(RuleConfig.defaults());
    }

    public static RuleSet from(RuleConfig config) {
        Map<String, Object> params = new LinkedHashMap<>();
        var s = config.section(MissedAppointments.ID, Set.of("count", "days", "outcomes"));
        var d1 = MissedAppointments.Params.DEFAULTS;
        MissedAppointments missed = s.build(() -> new MissedAppointments(new MissedAppointments.Params(
                s.integer("count", d1.count()), s.integer("days", d1.days()), s.list("outcomes", d1.outcomes()))));
        params.put(MissedAppointments.ID, missed.params());

        var s2 = config.section(ConsecutiveMissedAppointments.ID,
                Set.of("min_run", "missed_outcomes", "family_cancellations_count_as_missed"));
        var d2 = ConsecutiveMissedAppointments.Params.DEFAULTS;
        var consecutive = s2.build(() -> new ConsecutiveMissedAppointments(new ConsecutiveMissedAppointments.Params(
                s2.integer("min_run", d2.minRun()), s2.list("missed_outcomes", d2.missedOutcomes()),
                s2.bool("family_cancellations_count_as_missed", d2.familyCancellationsCountAsMissed()))));
        params.put(ConsecutiveMissedAppointments.ID, consecutive.params());

        var s3 = config.section(AdviceNonAdherence.ID, Set.of("count", "days", "followup_outcomes", "medication_outcomes"));
        var d3 = AdviceNonAdherence.Params.DEFAULTS;
        var advice = s3.build(() -> new AdviceNonAdherence(new AdviceNonAdherence.Params(
                s3.integer("count", d3.count()), s3.integer("days", d3.days()),
                s3.list("followup_outcomes", d3.followupOutcomes()), s3.list("medication_outcomes", d3.medicationOutcomes()))));
        params.put(AdviceNonAdherence.ID, advice.params());

        var s4 = config.section(AgreementNotFollowedThrough.ID,
                Set.of("count", "days", "followthrough_days", "non_engagement_count"));
        var d4 = AgreementNotFollowedThrough.Params.DEFAULTS;
        var agreement = s4.build(() -> new AgreementNotFollowedThrough(new AgreementNotFollowedThrough.Params(
                s4.integer("count", d4.count()), s4.integer("days", d4.days()),
                s4.integer("followthrough_days", d4.followthroughDays()),
                s4.integer("non_engagement_count", d4.nonEngagementCount()))));
        params.put(AgreementNotFollowedThrough.ID, agreement.params());

        var s5 = config.section(ChildNotSeen.ID, Set.of("count", "days", "outcomes"));
        var d5 = ChildNotSeen.Params.DEFAULTS;
        var notSeen = s5.build(() -> new ChildNotSeen(new ChildNotSeen.Params(
                s5.integer("count", d5.count()), s5.integer("days", d5.days()), s5.list("outcomes", d5.outcomes()))));
        params.put(ChildNotSeen.ID, notSeen.params());

        var s6 = config.section(SuperficialEngagement.ID, Set.of("count", "days", "outcomes"));
        var d6 = SuperficialEngagement.Params.DEFAULTS;
        var superficial = s6.build(() -> new SuperficialEngagement(new SuperficialEngagement.Params(
                s6.integer("count", d6.count()), s6.integer("days", d6.days()), s6.list("outcomes", d6.outcomes()))));
        params.put(SuperficialEngagement.ID, superficial.params());

        var s7 = config.section(HostilityOrResistance.ID,
                Set.of("count", "days", "engagement_outcomes", "home_visit_outcomes"));
        var d7 = HostilityOrResistance.Params.DEFAULTS;
        var hostility = s7.build(() -> new HostilityOrResistance(new HostilityOrResistance.Params(
                s7.integer("count", d7.count()), s7.integer("days", d7.days()),
                s7.list("engagement_outcomes", d7.engagementOutcomes()), s7.list("home_visit_outcomes", d7.homeVisitOutcomes()))));
        params.put(HostilityOrResistance.ID, hostility.params());

        var s8 = config.section(ComplianceAroundScrutiny.ID, Set.of("scrutiny_types", "pre_days", "pre_min_events",
                "pre_min_share", "baseline_min_events", "baseline_max_share"));
        var d8 = ComplianceAroundScrutiny.Params.DEFAULTS;
        var compliance = s8.build(() -> new ComplianceAroundScrutiny(new ComplianceAroundScrutiny.Params(
                s8.list("scrutiny_types", d8.scrutinyTypes()), s8.integer("pre_days", d8.preDays()),
                s8.integer("pre_min_events", d8.preMinEvents()), s8.number("pre_min_share", d8.preMinShare()),
                s8.integer("baseline_min_events", d8.baselineMinEvents()),
                s8.number("baseline_max_share", d8.baselineMaxShare()))));
        params.put(ComplianceAroundScrutiny.ID, compliance.params());

        var s9 = config.section(StrategyMeetingAttendance.ID, Set.of("required_agencies"));
        var strategy = s9.build(() -> new StrategyMeetingAttendance(new StrategyMeetingAttendance.Params(
                s9.list("required_agencies", StrategyMeetingAttendance.Params.DEFAULTS.requiredAgencies()))));
        params.put(StrategyMeetingAttendance.ID, strategy.params());

        var s10 = config.section(ActionDriftWithoutEscalation.ID, Set.of("grace_days"));
        var drift = s10.build(() -> new ActionDriftWithoutEscalation(new ActionDriftWithoutEscalation.Params(
                s10.integer("grace_days", ActionDriftWithoutEscalation.Params.DEFAULTS.graceDays()))));
        params.put(ActionDriftWithoutEscalation.ID, drift.params());

        var s11 = config.section(PatternHeldByOneAgency.ID, Set.of("sharing_days"));
        var held = s11.build(() -> new PatternHeldByOneAgency(new PatternHeldByOneAgency.Params(
                s11.integer("sharing_days", PatternHeldByOneAgency.Params.DEFAULTS.sharingDays())), missed, notSeen));
        params.put(PatternHeldByOneAgency.ID, held.params());

        var s12 = config.section(AdviceNotFollowedUp.ID, Set.of("count", "followup_days"));
        var d12 = AdviceNotFollowedUp.Params.DEFAULTS;
        var followUp = s12.build(() -> new AdviceNotFollowedUp(new AdviceNotFollowedUp.Params(
                s12.integer("count", d12.count()), s12.integer("followup_days", d12.followupDays()))));
        params.put(AdviceNotFollowedUp.ID, followUp.params());

        return new RuleSet(List.of(missed, consecutive, advice, agreement, notSeen, superficial, hostility, compliance,
                strategy, drift, held, followUp), params);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rules whose threshold is a count, for the sensitivity table. */
    public List<CountRule> countRules() {
        List<CountRule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof CountRule cr) {
                out.add(cr);
            }
        }
        return out;
    }

    /** Effective parameters per rule id, in rule order, as records. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    public List<Flag> evaluate(Chronology c) {
        List<Flag> out = new ArrayList<>();
        for (Rule r : rules) {
            out.addAll(r.evaluate(c));
        }
        return out;
    }
}
