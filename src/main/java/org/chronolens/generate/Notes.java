package org.chronolens.generate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic case-note text. Plain invented phrases with no names or identifiers; some carry commas,
 * double quotes and line breaks on purpose, so that every extract exercises CSV quoting.
 */
final class Notes {

    private static final Map<String, List<String>> PHRASES = Map.ofEntries(
            Map.entry("appointment", List.of("Paediatric clinic review.", "Health visitor check, weight and growth.",
                    "Dental appointment.", "Follow-up at the community clinic, booked by letter.")),
            Map.entry("home_visit", List.of("Planned home visit.", "Unannounced visit, as agreed at core group.",
                    "Visit notes:\nchild's room seen; carer present throughout.")),
            Map.entry("contact", List.of("Telephone call to carer.", "Letter sent, copy on file.",
                    "Message left asking carer to call back, \"urgent\" marked.")),
            Map.entry("medical_advice", List.of("Advice on feeding routine.", "Advice on medication doses, leaflet given.",
                    "Safe sleep advice repeated.")),
            Map.entry("advice_followup", List.of("Checked how the advice was followed.", "Carer asked about the plan.")),
            Map.entry("engagement", List.of("Practitioner's view of engagement this month.",
                    "Carer said \"we are doing everything asked\"; little change seen.")),
            Map.entry("agreement", List.of("Written agreement, reviewed with carers.", "Safety plan step.")),
            Map.entry("strategy_meeting", List.of("Strategy discussion following referral.")),
            Map.entry("cp_conference", List.of("Child protection conference.")),
            Map.entry("core_group", List.of("Core group meeting, plan reviewed.")),
            Map.entry("action_agreed", List.of("Action agreed, owner named in minutes.")),
            Map.entry("referral", List.of("Referral to children's social care.")));

    private Notes() {
    }

    static String of(SplittableRandom rnd, String type, String outcome) {
        List<String> phrases = PHRASES.get(type);
        if (phrases == null || rnd.nextInt(4) == 0) {
            return null;
        }
        String phrase = phrases.get(rnd.nextInt(phrases.size()));
        return outcome == null ? phrase : phrase + " Outcome: " + outcome.replace('_', ' ') + ".";
    }
}
