package org.chronolens.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chronolens.check.Vocabulary;
import org.chronolens.config.YamlNode;

/**
 * One typed parameter of a rule, declared once: its key in the thresholds file, what it means, its
 * default and what values it takes. In the spirit of Spark MLlib's {@code Param}: a rule's entry
 * lists its parameters, and reading, validating, defaulting and writing them out all follow from
 * that list.
 */
public final class Param<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { INTEGER, SHARE, FLAG, VALUES }

    private final String name;
    private final String doc;
    private final T defaultValue;
    private final Kind kind;
    private final int min;
    private final int max;
    private final List<String> allowed;

    private Param(String name, String doc, T defaultValue, Kind kind, int min, int max, List<String> allowed) {
        this.name = name;
        this.doc = doc;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.allowed = allowed;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Param<Integer> integer(String name, String doc, int defaultValue, int min, int max) {
        return new Param<>(name, doc, defaultValue, Kind.INTEGER, min, max, List.of());
    }

    /** A share from 0 to 1. */
    public static Param<Double> share(String name, String doc, double defaultValue) {
        return new Param<>(name, doc, defaultValue, Kind.SHARE, 0, 1, List.of());
    }

    public static Param<Boolean> flag(String name, String doc, boolean defaultValue) {
        return new Param<>(name, doc, defaultValue, Kind.FLAG, 0, 0, List.of());
    }

    /** A non-empty list, each value one of {@code allowed}. */
    public static Param<List<String>> values(String name, String doc, List<String> defaultValue, List<String> allowed) {
        return new Param<>(name, doc, List.copyOf(defaultValue), Kind.VALUES, 0, 0, List.copyOf(allowed));
    }

    /** A non-empty list of outcomes of one event type, from the chronology vocabulary. */
    public static Param<List<String>> outcomes(String name, String doc, List<String> defaultValue, String eventType) {
        return values(name, doc, defaultValue, Vocabulary.OUTCOMES.get(eventType));
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The value checked against this parameter; the message names the rule, the key, the value and what is allowed. */
    @SuppressWarnings("unchecked")
    public T validate(String rule, Object value) {
        switch (kind) {
            case INTEGER -> {
                int v = (Integer) value;
                if (v < min || v > max) {
                    throw new IllegalArgumentException(rule + ": " + name + " " + v + " is out of range; allowed "
                            + min + " to " + max);
                }
            }
            case SHARE -> {
                double v = (Double) value;
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(rule + ": " + name + " " + v + " is out of range; allowed 0 to 1");
                }
            }
            case FLAG -> {
                // any boolean
            }
            case VALUES -> {
                List<String> v = (List<String>) value;
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(rule + ": " + name + " is empty; give at least one of "
                            + String.join(", ", allowed));
                }
                for (String s : v) {
                    if (!allowed.contains(s)) {
                        throw new IllegalArgumentException(rule + ": " + name + " value '" + s + "' is not allowed; "
                                + "expected one of " + String.join(", ", allowed));
                    }
                }
                return (T) List.copyOf(v);
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return (T) value;
    }

    /** Reads and validates the value a thresholds file gives; every problem names the file and the key's line. */
    public T read(String rule, YamlNode node) {
        Object value = switch (kind) {
            case INTEGER -> parse(rule, node, "a whole number", Integer::parseInt);
            case SHARE -> parse(rule, node, "a number", Double::parseDouble);
            case FLAG -> {
                String v = node.scalar().strip().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw node.error("rule " + rule + ", " + name + ": '" + node.scalar() + "' is not true or false");
                }
                yield Boolean.parseBoolean(v);
            }
            case VALUES -> {
                List<String> out = new ArrayList<>();
                for (YamlNode item : node.items()) {
                    out.add(item.scalar().strip());
                }
                yield out;
            }
        };
        try {
            return validate(rule, value);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private Object parse(String rule, YamlNode node, String what, java.util.function.Function<String, Object> parser) {
        try {
            return parser.apply(node.scalar().strip());
        } catch (NumberFormatException e) {
            throw node.error("rule " + rule + ", " + name + ": '" + node.scalar() + "' is not " + what);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
