package org.chronolens.cli;

/** Exit codes that a scheduler can act on; docs/cli.md lists them. */
public final class ExitCode {

    /** Every output written. */
    public static final int OK = 0;
    /** A bug or an environment failure (disk full, Spark could not start): the message says what. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line or a configuration file is wrong: nothing was read. */
    public static final int USAGE = 2;
    /** The input was refused (identifier columns, missing columns, empty file, identifiers under policy fail). */
    public static final int INPUT_REFUSED = 3;
    /** The quarantined share exceeded the ceiling; the data-quality report and quarantine were written. */
    public static final int QUALITY_CEILING = 4;

    private ExitCode() {
    }
}
