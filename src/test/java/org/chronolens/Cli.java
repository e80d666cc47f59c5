package org.chronolens;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.chronolens.cli.Main;

/** Runs a command line in this JVM as a user would, keeping what it printed. */
public final class Cli {

    /** Exit code and what went to standard output and standard error. */
    public record Outcome(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    public static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }
}
