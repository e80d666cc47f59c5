package org.chronolens.util;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class VersionTest {

    @Test
    void theVersionNamesTheApplicationAndTheJavaAndSparkItRunsOn() {
        List<String> lines = List.of(new Version().getVersion());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("chronolens "), lines.get(0));
        assertTrue(lines.get(1).startsWith("Java " + Runtime.version().feature()), lines.get(1));
        assertTrue(lines.get(1).endsWith(", " + System.getProperty("java.home") + ")"), "where that Java is: " + lines.get(1));
        assertTrue(lines.get(2).matches("Spark 4\\.\\d+\\.\\d+.*"), lines.get(2));
    }
}
