package org.chronolens.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Indented JSON with a final line feed, as every JSON file a run writes is. */
public final class JsonText {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper SNAKE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonText() {
    }

    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    /** As {@link #pretty}, with record and bean properties in snake_case (map keys are kept as they are). */
    public static String prettySnakeCase(Object value) {
        return write(SNAKE, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        requireOrdered(value, "$");
        try {
            return mapper.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file a run writes is the same on every run of the same input. {@code Map.of} and
     * {@code HashMap} iterate in an order that changes from one JVM to the next (the cluster smoke
     * test caught two), so such a map with more than one entry is refused. (An unmodifiable view
     * keeps the order of the map it wraps.)
     */
    static void requireOrdered(Object value, String where) {
        if (value instanceof java.util.Map<?, ?> m) {
            if (m.size() > 1 && unordered(m)) {
                throw new IllegalStateException("a map without a defined order (" + m.getClass().getName() + ") at " + where
                        + " would be written as JSON; build it as a LinkedHashMap or TreeMap so the file is reproducible");
            }
            m.forEach((k, v) -> requireOrdered(v, where + "." + k));
        } else if (value instanceof java.util.Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                requireOrdered(v, where + "[" + i++ + "]");
            }
        }
    }

    private static boolean unordered(java.util.Map<?, ?> m) {
        Class<?> c = m.getClass();
        return c.getName().startsWith("java.util.ImmutableCollections$") || c == java.util.HashMap.class
                || c == java.util.Hashtable.class || c == java.util.IdentityHashMap.class
                || c == java.util.WeakHashMap.class || c == java.util.concurrent.ConcurrentHashMap.class;
    }
}
