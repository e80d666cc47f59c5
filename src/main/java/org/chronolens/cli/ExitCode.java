package org.chronolens.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes a scheduler can act on, declared once: the command line's {@code --help} lists
 * them from here, and a test holds docs/cli.md's table to the same codes.
 */
public enum ExitCode {

    OK(0, "success"),
    INTERNAL_ERROR(1, "internal error (a bug, Spark could not start, out of memory; the message says what)"),
    USAGE(2, "usage or configuration error (nothing was read): options, configuration files, --out at an input, "
            + "output folder in use"),
    INPUT_REFUSED(3, "input refused (identifier columns, missing columns, empty file, unreadable Parquet, links to "
            + "nothing, pipes and devices, identifiers under --pii-policy fail)"),
    QUALITY_CEILING(4, "quarantined share above the ceiling, or an anomaly under --anomaly-policy fail "
            + "(data-quality report and quarantine written)"),
    ENVIRONMENT(5, "the machine refused a write (disk full, read-only file system, quota, permission changed): "
            + "nothing committed");

    private final int code;
    private final String summary;

    ExitCode(int code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    /** The process's exit status. */
    public int code() {
        return code;
    }

    public String summary() {
        return summary;
    }

    /** The codes and their summaries, in order, as {@code --help} lists them. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            list.put(Integer.toString(c.code), c.summary);
        }
        return list;
    }
}
