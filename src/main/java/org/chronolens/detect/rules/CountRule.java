package org.chronolens.detect.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.chronolens.detect.Chronology;
import org.chronolens.detect.Counting;
import org.chronolens.detect.Event;
import org.chronolens.detect.Flag;
import org.chronolens.detect.Param;
import org.chronolens.detect.Params;
import org.chronolens.detect.RuleEntry;
import org.chronolens.detect.Scope;
import org.chronolens.detect.Theme;
import org.chronolens.detect.Window;

/**
 * The shape most rules share: per child, {@code count} events of some kinds with some outcomes
 * within {@code days} days, the latest such window reported with its denominator ("3 of 4
 * appointments in 41 days were missed (threshold: 3 within 90 days)"). A rule of this shape is one
 * catalogue entry made with {@link #entry}: what is counted (outcomes of event types, each a
 * parameter), among what, and in what words.
 */
public final class CountRule extends CatalogueRule {

    private static final long serialVersionUID = 1L;

    /** One kind of event the rule counts: an event type, with the outcomes that count as a parameter. */
    public record Counted(String eventType, Param<List<String>> outcomes) implements Serializable {
    }

    /** How a flag of the rule ends its sentence ("were missed"), from its parameters. */
    public interface Verb extends Serializable {
        String of(Params params);
    }

    /**
     * How a rule of this shape is described, counted and worded; {@link #entry} makes its catalogue
     * entry. {@code counts} names what its flags' metric counts, in a reviewer's words ("appointments
     * missed"); the rule pages head that column "appointments missed in the window".
     */
    public record Shape(String id, String title, Theme theme, String description, int count, int days, String among, Verb verb,
                        List<Counted> counted, List<String> extraPrompts, String counts) implements Serializable {
        public Shape {
            counted = List.copyOf(counted);
            extraPrompts = List.copyOf(extraPrompts);
        }

        /** A shape whose metric is worded from what it counts among: "contacts counted". */
        public Shape(String id, String title, Theme theme, String description, int count, int days, String among, Verb verb,
                     List<Counted> counted, List<String> extraPrompts) {
            this(id, title, theme, description, count, days, among, verb, counted, extraPrompts, among + " counted");
        }
    }

    private final int count;
    private final int days;
    private final Counting.Wording wording;
    private final List<Counted> counted;
    private final List<List<String>> outcomes;

    private CountRule(Shape shape, Params params, Param<Integer> countParam, Param<Integer> daysParam) {
        super(shape.id(), shape.theme());
        this.count = params.get(countParam);
        this.days = params.get(daysParam);
        this.wording = new Counting.Wording(shape.among(), shape.verb().of(params));
        this.counted = shape.counted();
        List<List<String>> o = new ArrayList<>();
        shape.counted().forEach(k -> o.add(params.get(k.outcomes())));
        this.outcomes = List.copyOf(o);
    }

    /** The catalogue entry of a count rule: parameters {@code count}, {@code days} and one outcome list per counted kind. */
    public static RuleEntry entry(Shape shape) {
        Param<Integer> count = Param.integer("count", "how many counted events make the pattern", shape.count(), 1, 1000);
        Param<Integer> days = Param.integer("days", "within how many days (both ends included)", shape.days(), 1, 3650);
        List<Param<?>> params = new ArrayList<>(List.of(count, days));
        shape.counted().forEach(k -> params.add(k.outcomes()));
        return RuleEntry.of(shape.id()).title(shape.title()).theme(shape.theme()).scope(Scope.SUBJECT).description(shape.description())
                .measure(shape.counts() + " in the window")
                .params(params.toArray(Param<?>[]::new)).prompts(shape.extraPrompts().toArray(String[]::new))
                .threshold(count, days)
                // The rule reads every event of the types it counts: its measure is among them.
                .counts(shape.counted().stream().map(Counted::eventType).distinct().toList())
                .build((p, built) -> new CountRule(shape, p, count, days));
    }

    /** The outcomes of {@code eventType} that count, as a parameter named {@code name}. */
    public static Counted counted(String eventType, String name, String doc, String... defaults) {
        return new Counted(eventType, Param.outcomes(name, doc, List.of(defaults), eventType));
    }

    /** The outcomes of one counted event type, as configured (empty if the rule does not count that type). */
    public List<String> outcomesOf(String eventType) {
        for (int i = 0; i < counted.size(); i++) {
            if (counted.get(i).eventType().equals(eventType)) {
                return outcomes.get(i);
            }
        }
        return List.of();
    }

    private boolean qualifies(Event e) {
        for (int i = 0; i < counted.size(); i++) {
            if (e.is(counted.get(i).eventType(), outcomes.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean base(Event e) {
        return counted.stream().anyMatch(k -> e.is(k.eventType()));
    }

    @Override
    public int hits(Chronology c) {
        int hits = 0;
        for (String subject : c.subjects()) {
            if (Window.exists(Chronology.filter(c.eventsOf(subject), this::qualifies), count, days)) {
                hits++;
            }
        }
        return hits;
    }

    @Override
    public List<Flag> evaluate(Chronology c) {
        Predicate<Event> q = this::qualifies;
        return Counting.perSubject(c, this, count, days, q, this::base, wording);
    }
}
