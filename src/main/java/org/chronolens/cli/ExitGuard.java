package org.chronolens.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Keeps the process to the documented exit codes. Spark ends the JVM itself when a task thread
 * meets a fatal error (exit 52 for out of memory, 50 for another uncaught error); a scheduler
 * would see a code no page explains. A shutdown hook notices that the JVM is ending inside Spark's
 * handler, not through {@link Main}, says what happened, and ends it with exit code 1. Shutdowns
 * by a signal (SIGTERM from a scheduler) are left as they are.
 */
final class ExitGuard {

    private static final String SPARK_HANDLER = "org.apache.spark.util.SparkUncaughtExceptionHandler";

    private static volatile boolean ours;

    private ExitGuard() {
    }

    /** Installs the hook; {@link #exit} is then the way the application ends. */
    static void install(PrintWriter err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!ours && endedBySpark()) {
                err.println("error: a Spark task ran out of memory or failed fatally, and Spark stopped the JVM. Nothing "
                        + "was committed; an earlier run in the output folder is untouched. Give the job more memory "
                        + "(CHRONOLENS_JAVA_OPTS, default -Xmx4g) or run it on a cluster (jobs/run --master ...)");
                err.flush();
                Runtime.getRuntime().halt(ExitCode.INTERNAL_ERROR.code());
            }
        }, "chronolens-exit-guard"));
    }

    static void exit(int code) {
        ours = true;
        System.exit(code);
    }

    /** Whether some thread is calling System.exit from Spark's uncaught-exception handler. */
    private static boolean endedBySpark() {
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            boolean exiting = false;
            for (StackTraceElement f : t.getValue()) {
                exiting |= f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit");
                if (exiting && f.getClassName().startsWith(SPARK_HANDLER)) {
                    return true;
                }
            }
        }
        return false;
    }
}
