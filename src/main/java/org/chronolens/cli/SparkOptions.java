package org.chronolens.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Spark settings shared by every command that starts Spark. */
public final class SparkOptions {

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = org.chronolens.run.ScanOptions.CONF_DOC)
    private Map<String, String> conf = new LinkedHashMap<>();

    public Map<String, String> conf() {
        return conf;
    }
}
