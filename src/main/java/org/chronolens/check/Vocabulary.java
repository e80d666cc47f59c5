package org.chronolens.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/** The closed value lists of the chronology format: agencies, event types and the outcomes each type allows. */
public final class Vocabulary {

    public static final List<String> AGENCIES = List.of(
            "social_care", "health", "police", "education", "early_help",
            "housing", "probation", "voluntary", "other");

    /** The kinds of plan a subject comes onto (plan_started) and leaves (plan_ended). */
    public static final List<String> PLAN_KINDS = List.of("child_in_need", "child_protection", "looked_after");

    /** Outcomes per event type, in spec order. An empty list means the type takes no outcome. */
    public static final Map<String, List<String>> OUTCOMES = Map.ofEntries(
            entry("appointment", List.of("attended", "was_not_brought", "did_not_attend",
                    "cancelled_by_family", "cancelled_by_service", "rescheduled_by_family")),
            entry("home_visit", List.of("child_seen", "child_not_seen", "no_access", "refused_entry",
                    "cancelled_by_family")),
            entry("contact", List.of("responded", "no_response")),
            entry("medical_advice", List.of()),
            entry("advice_followup", List.of("adhered", "partially_adhered", "not_adhered")),
            entry("medication", List.of("collected", "not_collected")),
            entry("agreement", List.of("made", "kept", "breached")),
            entry("engagement", List.of("meaningful", "superficial", "avoidant", "hostile")),
            entry("referral", List.of()),
            entry("information_shared", List.of()),
            entry("strategy_meeting", List.of()),
            entry("cp_conference", List.of()),
            entry("core_group", List.of()),
            entry("review", List.of()),
            entry("action_agreed", List.of()),
            entry("action_completed", List.of()),
            entry("escalation", List.of()),
            entry("assessment", List.of("completed", "not_completed")),
            entry("case_closed", List.of()),
            entry("plan_started", PLAN_KINDS),
            entry("plan_ended", PLAN_KINDS),
            entry("other", List.of()));

    /** Spec order, for messages and reports. */
    public static final List<String> EVENT_TYPES = List.of(
            "appointment", "home_visit", "contact", "medical_advice", "advice_followup", "medication",
            "agreement", "engagement", "referral", "information_shared", "strategy_meeting",
            "cp_conference", "core_group", "review", "action_agreed", "action_completed", "escalation",
            "assessment", "case_closed", "plan_started", "plan_ended", "other");

    /** `other` is kept and shown with whatever outcome it carries. */
    public static final String FREE_OUTCOME_TYPE = "other";

    public static final Set<String> MEETING_TYPES = Set.of("strategy_meeting");

    /** Ids start with a letter or a digit, so that none is a path (".."), an option ("-x") or a formula ("=x"). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** Field limits, in characters: longer values are quarantined as too_long. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NOTES_LENGTH = 4_000;
    public static final int MAX_OTHER_OUTCOME_LENGTH = 200;

    /** A record (one CSV row) longer than this is quarantined as too_long without being held in memory. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    /** Plausible years of event and due dates; anything else is bad_date. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 9999;

    /** Values whose words are not their token with spaces for underscores. */
    private static final Map<String, String> WORDS = Map.of(
            "cp_conference", "child protection conference",
            "child_in_need", "child in need plan",
            "child_protection", "child protection plan",
            "looked_after", "looked after",
            "advice_followup", "advice follow-up",
            "information_shared", "information shared",
            "plan_started", "plan started",
            "plan_ended", "plan ended");

    /**
     * A value of the vocabulary (agency, event type, outcome, plan kind) in the words a reviewer
     * reads: "social care", "child protection conference", "was not brought". Anything else comes
     * back with spaces for underscores.
     */
    public static String words(String token) {
        if (token == null) {
            return null;
        }
        return WORDS.getOrDefault(token, token.replace('_', ' '));
    }

    /** Values in words, joined as a sentence joins them: "social care, health and police". */
    public static String words(List<String> tokens, String conjunction) {
        List<String> w = tokens.stream().map(Vocabulary::words).toList();
        return w.size() < 2 ? String.join("", w)
                : String.join(", ", w.subList(0, w.size() - 1)) + " " + conjunction + " " + w.get(w.size() - 1);
    }

    /** Text with its first letter a capital, to begin a sentence with a value in words. */
    public static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Being on a plan of this kind, as a sentence says it: "on a child protection plan", "looked after". */
    public static String onPlan(String kind) {
        return kind.equals("looked_after") ? "looked after" : "on a " + words(kind);
    }

    private Vocabulary() {
    }

    public static boolean isAgency(String value) {
        return AGENCIES.contains(value);
    }

    public static boolean isEventType(String value) {
        return OUTCOMES.containsKey(value);
    }

    /** Whether {@code outcome} is one the contract lists for {@code type} (any outcome for {@code other}). */
    public static boolean isOutcome(String type, String outcome) {
        return FREE_OUTCOME_TYPE.equals(type) || OUTCOMES.getOrDefault(type, List.of()).contains(outcome);
    }
}
