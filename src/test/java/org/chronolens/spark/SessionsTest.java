package org.chronolens.spark;

import java.util.Map;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SessionsTest {

    @Test
    void aLocalRunStartsWithoutSparksWebUi() {
        SparkConf c = Sessions.conf("scan", Map.of());
        assertEquals("false", c.get("spark.ui.enabled"),
                "a local run would show its queries on port 4040 to anyone on the machine");
        assertTrue(c.get("spark.master").startsWith("local"), c.get("spark.master"));
    }

    @Test
    void theAnalystCanAskForTheUiBack() {
        SparkConf c = Sessions.conf("scan", Map.of("spark.ui.enabled", "true"));
        assertEquals("true", c.get("spark.ui.enabled"));
    }

    @Test
    void aClusterKeepsItsOwnUi() {
        SparkConf c = Sessions.conf("scan", Map.of("spark.master", "spark://head:7077"));
        assertFalse(c.contains("spark.ui.enabled"), "the cluster's UI setting is the cluster's: " + c.toDebugString());
    }
}
