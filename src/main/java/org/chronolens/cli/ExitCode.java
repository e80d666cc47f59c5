package org.chronolens.cli;

/** Exit codes that a scheduler can act on; docs/cli.md lists them. */
public final class ExitCode {

    /** Every output written. */
    public static final int OK = 0;
    /** A bug, or Spark could not start, or it ran out of memory: the message says what. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line or a configuration file is wrong: nothing was read. */
    public static final int USAGE = 2;
    /** The input was refused (identifier columns, missing columns, empty file, identifiers under policy fail). */
    public static final int INPUT_REFUSED = 3;
    /** The quarantined share exceeded the ceiling; the data-quality report and quarantine were written. */
    public static final int QUALITY_CEILING = 4;
    /**
     * The machine refused a write or a read while the run went on (disk full, read-only file
     * system, quota, permission): nothing committed, an earlier run untouched.
     */
    public static final int ENVIRONMENT = 5;

    private ExitCode() {
    }
}
