package org.chronolens.detect;

import java.util.Collection;
import java.util.List;

/** Parameter validation shared by every rule's parameter record; messages name rule, key, value and range. */
public final class Check {

    private Check() {
    }

    public static int range(String rule, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(rule + ": " + key + " " + value + " is out of range; allowed "
                    + min + " to " + max);
        }
        return value;
    }

    public static double share(String rule, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(rule + ": " + key + " " + value + " is out of range; allowed 0 to 1");
        }
        return value;
    }

    public static List<String> within(String rule, String key, List<String> values, Collection<String> allowed) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(rule + ": " + key + " is empty; give at least one of "
                    + String.join(", ", allowed));
        }
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(rule + ": " + key + " value '" + v + "' is not allowed; expected "
                        + "one of " + String.join(", ", allowed));
            }
        }
        return List.copyOf(values);
    }
}
