package org.chronolens.detect.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.chronolens.check.Vocabulary;
import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.Rule;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Theme;

/**
 * A pattern only one agency knew of: a missed-appointments or child-not-seen flag (as configured)
 * whose evidence all comes from one agency other than social care, when that agency recorded no
 * referral or information shared in the case from the window's start to {@code sharingDays} after
 * its end, and the as-of date is at least that far past the end. Only the underlying flag's
 * reported window is tested; window, metric and evidence are the underlying flag's; where both
 * qualify, the later window end wins, then missed-appointments (see docs/rules.md).
 */
public final class PatternHeldByOneAgency extends CatalogueRule {

    public static final String ID = "pattern-held-by-one-agency";

    static final Param<Integer> SHARING_DAYS = Param.integer("sharing_days",
            "how many days after the window the agency had to share what it knew", 14, 0, 365);

    public static final RuleEntry ENTRY = RuleEntry.of(ID).title("Pattern known to one agency only").theme(Theme.COMMUNICATION).scope(Scope.SUBJECT)
            .measure("events in the pattern one agency holds")
            .description("A pattern of missed appointments or unseen visits known to one agency, which shared nothing.")
            .params(SHARING_DAYS)
            .counts(java.util.stream.Stream.concat(org.chronolens.detect.Outcomes.routineTypes().stream(), java.util.stream.Stream.of("information_shared",
                    "referral")).toList())
            .build((p, built) -> new PatternHeldByOneAgency(p, built.rule(Catalogue.MISSED_APPOINTMENTS),
                    built.rule(Catalogue.CHILD_NOT_SEEN)));

    private final int sharingDays;
    private final Rule missed;
    private final Rule notSeen;

    PatternHeldByOneAgency(Params p, Rule missed, Rule notSeen) {
        super(ENTRY);
        this.sharingDays = p.get(SHARING_DAYS);
        this.missed = missed;
        this.notSeen = notSeen;
    }

    private static final Set<String> SHARING = Set.of("referral", "information_shared");

    @Override
    public List<Flag> evaluate(Chronology c) {
        Map<String, Event> byId = new HashMap<>();
        c.events().forEach(e -> byId.put(e.eventId(), e));
        Map<String, List<Flag>> underlying = new HashMap<>();
        for (Flag f : missed.evaluate(c)) {
            underlying.computeIfAbsent(f.subjectId(), s -> new ArrayList<>()).add(f);
        }
        for (Flag f : notSeen.evaluate(c)) {
            underlying.computeIfAbsent(f.subjectId(), s -> new ArrayList<>()).add(f);
        }
        List<Flag> flags = new ArrayList<>();
        for (String subject : c.subjects()) {
            Optional<Flag> chosen = underlying.getOrDefault(subject, List.of()).stream()
                    .filter(f -> heldBy(f, byId, c).isPresent())
                    .max(Comparator.comparing(Flag::windowEnd)
                            .thenComparing(f -> f.ruleId().equals(Catalogue.MISSED_APPOINTMENTS)));
            chosen.ifPresent(f -> flags.add(held(f, heldBy(f, byId, c).orElseThrow())));
        }
        return flags;
    }

    /** The one agency holding the flag's evidence, if it qualifies. */
    private Optional<String> heldBy(Flag f, Map<String, Event> byId, Chronology c) {
        Set<String> agencies = f.evidenceEventIds().stream().map(id -> byId.get(id).agency()).collect(Collectors.toSet());
        if (agencies.size() != 1) {
            return Optional.empty();
        }
        String agency = agencies.iterator().next();
        if (agency.equals("social_care") || c.asOf().isBefore(f.windowEnd().plusDays(sharingDays))) {
            return Optional.empty();
        }
        boolean shared = c.events().stream().anyMatch(e -> e.agency().equals(agency) && SHARING.contains(e.type())
                && Counting.between(e.date(), f.windowStart(), f.windowEnd().plusDays(sharingDays)));
        return shared ? Optional.empty() : Optional.of(agency);
    }

    private Flag held(Flag f, String agency) {
        String threshold = "evidence held by one agency other than social care, with no referral or information "
                + "shared within " + Counting.days(sharingDays) + " of the window";
        String explanation = f.explanation() + "; all recorded by " + Vocabulary.words(agency) + ", which recorded no referral or "
                + "information shared from " + f.windowStart() + " to " + f.windowEnd().plusDays(sharingDays)
                + " (threshold: " + threshold + ")";
        return Flag.of(this, f.caseId(), f.subjectId()).window(f.windowStart(), f.windowEnd())
                .metric(f.metric(), threshold)
                .severity(f.severity()).evidence(f.evidenceEventIds()).explaining(explanation);
    }
}
