package org.chronolens;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one SparkSession for the whole test run: {@code local[2]}, few shuffle partitions,
 * no UI. Started on first use and stopped when the JUnit run ends.
 */
public final class SparkExtension implements ParameterResolver {

    private static final String KEY = "chronolens.spark";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context);
    }

    /** The suite's one session, started on first use. */
    static SparkSession session(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Session(), Session.class).spark;
    }

    /** Closed by JUnit with the root context, i.e. once, after the last test. */
    private static final class Session implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("chronolens-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "200")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                // Re-planning every shuffle at run time buys nothing on inputs of a few rows and cost
                // a seventh of `mvn test` (260 s -> 224 s). Results do not depend on it; the runs slow
                // tests start in JVMs of their own, like every real run, keep it on.
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();

        @Override
        public void close() {
            spark.stop();
        }
    }
}
