package org.chronolens.util;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class VersionTest {

    @Test
    void theVersionNamesTheApplicationAndTheJavaAndSparkItRunsOn() {
        List<String> lines = List.of(new Version().getVersion());
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("chronolens "), lines.get(0));
        assertTrue(lines.get(1).startsWith("Java " + Runtime.version().feature()), lines.get(1));
        assertTrue(lines.get(1).endsWith(", " + System.getProperty("java.home") + ")"), "where that Java is: " + lines.get(1));
        assertTrue(lines.get(2).matches("Spark 4\\.\\d+\\.\\d+.*"), lines.get(2));
        assertTrue(lines.get(3).startsWith("Start-up cache: "), lines.get(3));
    }

    @Test
    void theStartUpCacheLineNamesTheCacheTheJvmWasGivenOrSaysWhyThereIsNone() {
        assertEquals("Start-up cache: /x/aot-1.aot",
                Version.startUpCache(List.of("-Xmx4g", "-XX:AOTCache=/x/aot-1.aot", "-Xlog:aot*=off"), 25));
        assertEquals("Start-up cache: none (needs Java 24 or later)", Version.startUpCache(List.of("-Xmx4g"), 17));
        assertEquals("Start-up cache: none (jobs/run trains one with the build)", Version.startUpCache(List.of(), 25));
    }
}
