package org.chronolens.util;

import picocli.CommandLine.IVersionProvider;

/** The application version, from the jar's manifest (set by the build). */
public final class Version implements IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * {@code --version}: the application, and the Java and Spark it runs on, so that an analyst can
     * tell which Java {@code jobs/run} picked (Java 17 and Java 25 may both be installed).
     */
    @Override
    public String[] getVersion() {
        return new String[] {"chronolens " + current(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")",
                "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                startUpCache(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                        Runtime.version().feature())};
    }

    /** Whether this JVM was started with the ahead-of-time cache that {@code jobs/run} trains on Java 24 and later. */
    static String startUpCache(java.util.List<String> jvmArguments, int javaFeature) {
        return jvmArguments.stream().filter(a -> a.startsWith("-XX:AOTCache=")).findFirst()
                .map(a -> "Start-up cache: " + a.substring("-XX:AOTCache=".length()))
                .orElse(javaFeature >= 24 ? "Start-up cache: none (jobs/run trains one with the build)"
                        : "Start-up cache: none (needs Java 24 or later)");
    }
}
