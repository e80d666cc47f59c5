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
        try {
            return mapper.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
