package org.chronolens.cli;

import java.io.PrintWriter;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.chronolens.spark.Sessions;

/**
 * A command whose Spark task runs out of memory, started in a JVM of its own by
 * {@link ExitGuardTest}: Spark's handler ends the JVM, as it would on a real out-of-memory error.
 */
public final class FatalTaskMain {

    private FatalTaskMain() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        ExitGuard.install(err);
        try (Sessions.Handle session = Sessions.open("fatal task", java.util.Map.of("spark.master", "local[1]"))) {
            session.spark().range(1).map((MapFunction<Long, Long>) x -> {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }, Encoders.LONG()).collectAsList();
        } catch (RuntimeException e) {
            // Spark reports the failed job too; the JVM is already ending.
        }
        ExitGuard.exit(0);
    }
}
