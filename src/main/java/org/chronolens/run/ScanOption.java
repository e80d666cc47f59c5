package org.chronolens.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One option of a scan, declared once: its key, its command-line flag, its key in a job
 * definition, what it means, its default, how its text is read and checked, and whether it names
 * a file or folder the run reads. In the spirit of the rule catalogue's {@code Param}: both front
 * ends (the {@code scan} and {@code validate} commands, and a job definition) read their values
 * through these declarations, and the docs table is checked against them.
 *
 * <p>A value arrives as text (one value), a list of texts, a map of texts (Spark settings) or a
 * switch; {@link #parse} turns it into the typed value or throws {@link IllegalArgumentException}
 * with a message saying what was expected, which each front end places (the flag, or the file and
 * line).
 */
public final class ScanOption<T> {

    /** The shape of an option's value on the command line and in a job definition. */
    public enum Kind {
        /** No value on the command line (its presence flips the default); {@code true} or {@code false} in a job. */
        SWITCH,
        /** One value. */
        VALUE,
        /** One or more values; a YAML list in a job. */
        LIST,
        /** {@code KEY=VALUE}, repeatable; a YAML mapping in a job. */
        MAP
    }

    private final String key;
    private final Kind kind;
    private final String flag;
    private final String jobKey;
    private final String label;
    private final String doc;
    private final String defaultText;
    private final Function<Object, T> parser;
    private final boolean reads;
    private final boolean validation;
    private final boolean required;
    private final String jobNote;

    private ScanOption(String key, Kind kind, String flag, String jobKey, String label, String doc, String defaultText,
                       Function<Object, T> parser, boolean reads, boolean validation, boolean required, String jobNote) {
        this.key = key;
        this.kind = kind;
        this.flag = flag;
        this.jobKey = jobKey;
        this.label = label;
        this.doc = doc;
        this.defaultText = defaultText;
        this.parser = parser;
        this.reads = reads;
        this.validation = validation;
        this.required = required;
        this.jobNote = jobNote;
    }

    /** One value, read from its text by {@code parser}; {@code defaultText} null: none. */
    static <T> ScanOption<T> value(String key, String flag, String label, String doc, String defaultText,
                                   Function<String, T> parser) {
        return new ScanOption<>(key, Kind.VALUE, flag, key, label, doc, defaultText,
                raw -> raw == null ? null : parser.apply(((String) raw).strip()), false, false, false, null);
    }

    /** A text value: a path or a folder. */
    static ScanOption<String> text(String key, String flag, String label, String doc) {
        return value(key, flag, label, doc, null, s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("is empty; give a path");
            }
            return s;
        });
    }

    static ScanOption<Boolean> toggle(String key, String flag, String doc, boolean defaultValue) {
        return new ScanOption<>(key, Kind.SWITCH, flag, key, null, doc, String.valueOf(defaultValue),
                raw -> raw == null ? defaultValue : (Boolean) raw, false, false, false, null);
    }

    @SuppressWarnings("unchecked")
    static ScanOption<List<String>> list(String key, String flag, String label, String doc) {
        return new ScanOption<>(key, Kind.LIST, flag, key, label, doc, null,
                raw -> raw == null ? List.of() : List.copyOf((List<String>) raw), false, false, false, null);
    }

    /** Settings passed through; each key is checked by {@code keyCheck}. */
    @SuppressWarnings("unchecked")
    static ScanOption<Map<String, String>> map(String key, String flag, String label, String doc,
                                               java.util.function.Consumer<String> keyCheck) {
        return new ScanOption<>(key, Kind.MAP, flag, key, label, doc, null, raw -> {
            Map<String, String> m = new LinkedHashMap<>(raw == null ? Map.of() : (Map<String, String>) raw);
            m.keySet().forEach(keyCheck);
            return java.util.Collections.unmodifiableMap(m);
        }, false, false, false, null);
    }

    /** This option names a file or folder the run reads, which no run's output may replace. */
    ScanOption<T> reads() {
        return new ScanOption<>(key, kind, flag, jobKey, label, doc, defaultText, parser, true, validation, required,
                jobNote);
    }

    /** {@code validate} takes this option too. */
    ScanOption<T> validation() {
        return new ScanOption<>(key, kind, flag, jobKey, label, doc, defaultText, parser, reads, true, required,
                jobNote);
    }

    /** The command line must give it. */
    ScanOption<T> required() {
        return new ScanOption<>(key, kind, flag, jobKey, label, doc, defaultText, parser, reads, validation, true,
                jobNote);
    }

    /** Its key in a job definition, where that differs from the option's key (a dot: under a mapping). */
    ScanOption<T> jobKey(String path) {
        return new ScanOption<>(key, kind, flag, path, label, doc, defaultText, parser, reads, validation, required,
                jobNote);
    }

    /** A job definition does not take it, and this says what a job does instead. */
    ScanOption<T> notInJobs(String instead) {
        return new ScanOption<>(key, kind, flag, null, label, doc, defaultText, parser, reads, validation, required,
                instead);
    }

    /** The typed value of what a front end read (text, list of texts, map of texts, or a switch given); null: the default. */
    public T parse(Object raw) {
        return parser.apply(raw == null && defaultText != null && kind == Kind.VALUE ? defaultText : raw);
    }

    public T defaultValue() {
        return parse(null);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The command-line flag, e.g. {@code --pii-policy}. */
    public String flag() {
        return flag;
    }

    /** The key in a job definition ({@code monitoring.history}: {@code history} under {@code monitoring}), or null. */
    public String jobKey() {
        return jobKey;
    }

    /** What a job does instead, when it does not take this option; else null. */
    public String jobNote() {
        return jobNote;
    }

    /** The placeholder of the value in help, e.g. {@code FILE}; null for a switch. */
    public String label() {
        return label;
    }

    public String doc() {
        return doc;
    }

    /** The default as the docs show it, or null when there is none (or the option is required). */
    public String defaultText() {
        return defaultText;
    }

    public boolean readsFile() {
        return reads;
    }

    public boolean forValidation() {
        return validation;
    }

    public boolean isRequired() {
        return required;
    }

    @Override
    public String toString() {
        return flag;
    }

    /** Every option's flags and job keys are distinct: a declaration mistake fails at class load, not in a run. */
    static List<ScanOption<?>> checked(List<ScanOption<?>> all) {
        List<String> seen = new ArrayList<>();
        for (ScanOption<?> o : all) {
            for (String name : new String[] {"key " + o.key, "flag " + o.flag, "job key " + o.jobKey}) {
                if (!name.endsWith(" null") && seen.contains(name)) {
                    throw new IllegalStateException("two scan options declare the " + name);
                }
                seen.add(name);
            }
        }
        return List.copyOf(all);
    }
}
