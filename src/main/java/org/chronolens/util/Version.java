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
                "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
    }
}
