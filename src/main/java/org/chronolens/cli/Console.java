package org.chronolens.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import org.chronolens.util.Stages;

/**
 * The CLI's voice: results to standard output, progress and problems to standard error. Nothing
 * here ever prints event content; callers pass counts, names and messages built for users.
 */
final class Console implements Stages {

    private final PrintWriter out;
    private final PrintWriter err;

    Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    void warn(String line) {
        err.println("warning: " + line);
        err.flush();
    }

    void error(String line) {
        err.println("error: " + line);
        err.flush();
    }

    /** A stack trace, on the command's own standard error (never the process's, which a caller may not see). */
    void trace(Throwable e) {
        e.printStackTrace(err);
        err.flush();
    }

    @Override
    public void finished(String stage, long count, String unit, Duration took) {
        String what = unit.isEmpty() ? String.format(Locale.ROOT, "%18s", "") : String.format(Locale.ROOT, "%,12d %-5s", count, unit);
        err.printf(Locale.ROOT, "[stage] %-11s %s %8.1f s%n", stage, what, took.toMillis() / 1000.0);
        err.flush();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
