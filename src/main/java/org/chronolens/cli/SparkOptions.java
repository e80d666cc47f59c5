package org.chronolens.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Spark settings shared by every command that starts Spark. */
public final class SparkOptions {

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, passed through (repeatable), e.g. --conf spark.sql.shuffle.partitions=64.")
    private Map<String, String> conf = new LinkedHashMap<>();

    public Map<String, String> conf() {
        return conf;
    }
}
