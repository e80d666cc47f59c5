package org.chronolens.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One rule, as the catalogue lists it: its id, plain title, theme, scope and description, what its
 * flags' metric counts (its measure), its parameters with
 * their defaults and validators, the prompt sections it adds to its theme's, the parameters that
 * make its threshold (for the sensitivity table), the events its definition counts (as
 * {@code event_type} or {@code event_type:outcome}, at its defaults: pattern discovery can leave
 * them out, so as not to find the rules' own definitions again), and how to build it. Everything else about a
 * rule — its thresholds-file keys, {@code thresholds.json}, its sensitivity rows, its report page,
 * its prompts, its flag key — follows from this entry.
 */
public record RuleEntry(String id, String title, Theme theme, Scope scope, String description, String measure,
                        boolean measuredInPoints, List<Param<?>> params, List<String> extraPrompts, Threshold threshold,
                        List<String> counts, Factory factory) implements Serializable {

    /** A flag's metric as the measure reads it: "3", or "42" percentage points for a difference of 0.42. */
    public String metricText(double metric) {
        if (measuredInPoints) {
            return String.valueOf(Math.round(100 * metric));
        }
        return metric == Math.floor(metric) ? String.valueOf((long) metric) : String.format(java.util.Locale.ROOT, "%.4f", metric);
    }

    /** Builds the rule from its validated parameters; {@code built} holds the rules listed before it. */
    public interface Factory extends Serializable {
        Rule build(Params params, Built built);
    }

    /** The rules already built, for a rule that builds on others (as configured). */
    public interface Built {
        Rule rule(String id);
    }

    /**
     * The count and the window of a threshold "N within D days"; either may be null (a run "N in a
     * row" has no window, a longest gap "D days" no count), not both.
     */
    public record Threshold(Param<Integer> count, Param<Integer> days) implements Serializable {
    }

    public RuleEntry {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a rule id is lower-case words joined by '-', not '" + id + "'");
        }
        if (theme == null || scope == null || factory == null) {
            throw new IllegalArgumentException(id + ": an entry needs a theme, a scope and a factory");
        }
        if (title == null || title.isBlank() || title.length() > 60 || title.equals(id)) {
            throw new IllegalArgumentException(id + ": an entry needs a plain title of up to 60 characters, in the "
                    + "words a reviewer uses (e.g. \"Appointments missed\"), not its id: the report shows it wherever "
                    + "a reviewer reads");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException(id + ": an entry needs a description (its report page shows it)");
        }
        if (measure == null || measure.isBlank()) {
            throw new IllegalArgumentException(id + ": an entry needs a measure, what its flags' metric counts in a "
                    + "reviewer's words (e.g. \"appointments missed in the window\"): its report page heads that column with it");
        }
        Set<String> names = new HashSet<>();
        for (Param<?> p : params) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(id + ": parameter " + p.name() + " is declared twice");
            }
        }
        if (threshold != null && (threshold.count() == null && threshold.days() == null
                || threshold.count() != null && !params.contains(threshold.count())
                || threshold.days() != null && !params.contains(threshold.days()))) {
            throw new IllegalArgumentException(id + ": the threshold's parameters must be among its parameters");
        }
        if (counts == null || counts.isEmpty()) {
            throw new IllegalArgumentException(id + ": an entry names the events its definition counts (e.g. "
                    + "\"appointment:was_not_brought\", or \"strategy_meeting\" for any outcome), so that pattern "
                    + "discovery can leave them out");
        }
        for (String c : counts) {
            String type = c.contains(":") ? c.substring(0, c.indexOf(':')) : c;
            String outcome = c.contains(":") ? c.substring(c.indexOf(':') + 1) : null;
            if (!org.chronolens.check.Vocabulary.isEventType(type)
                    || outcome != null && !org.chronolens.check.Vocabulary.isOutcome(type, outcome)) {
                throw new IllegalArgumentException(id + ": counts '" + c + "', which is not an event type or an "
                        + "event_type:outcome of the chronology's vocabulary");
            }
        }
        params = List.copyOf(params);
        extraPrompts = List.copyOf(extraPrompts);
        counts = List.copyOf(counts);
    }

    public static Builder of(String id) {
        return new Builder(id);
    }

    /** The prompt sections a flag of this rule shows: its theme's, then its own extras. */
    public List<String> promptSections() {
        List<String> out = new ArrayList<>();
        out.add(theme.key());
        out.addAll(extraPrompts);
        return out;
    }

    /** Builds entries step by step; {@link #build} checks the whole. */
    public static final class Builder {
        private final String id;
        private String title;
        private Theme theme;
        private Scope scope = Scope.SUBJECT;
        private String description;
        private String measure;
        private boolean measuredInPoints;
        private List<Param<?>> params = List.of();
        private List<String> prompts = List.of();
        private Threshold threshold;
        private List<String> counts = List.of();

        private Builder(String id) {
            this.id = id;
        }

        /** The rule in a reviewer's words, e.g. "Appointments missed". */
        public Builder title(String text) {
            this.title = text;
            return this;
        }

        public Builder theme(Theme t) {
            this.theme = t;
            return this;
        }

        public Builder scope(Scope s) {
            this.scope = s;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** What a flag's metric counts, in a reviewer's words: "appointments missed in the window". */
        public Builder measure(String text) {
            this.measure = text;
            return this;
        }

        /** A measure whose metric is a difference of two shares, read in percentage points. */
        public Builder measureInPoints(String text) {
            this.measuredInPoints = true;
            return measure(text);
        }

        public Builder params(Param<?>... ps) {
            this.params = List.of(ps);
            return this;
        }

        /** Prompt sections shown besides the theme's. */
        public Builder prompts(String... sections) {
            this.prompts = List.of(sections);
            return this;
        }

        /** The count and window parameters of the rule's threshold; either may be null, not both. */
        public Builder threshold(Param<Integer> count, Param<Integer> days) {
            this.threshold = new Threshold(count, days);
            return this;
        }

        /** The events the rule's definition counts: {@code event_type} (any outcome) or {@code event_type:outcome}. */
        public Builder counts(String... events) {
            this.counts = List.of(events);
            return this;
        }

        /** As {@link #counts(String...)}, from lists (the outcomes a rule shares with others). */
        public Builder counts(List<String> events) {
            this.counts = List.copyOf(events);
            return this;
        }

        public RuleEntry build(Factory factory) {
            return new RuleEntry(id, title, theme, scope, description, measure, measuredInPoints, params, prompts,
                    threshold, counts, factory);
        }
    }
}
