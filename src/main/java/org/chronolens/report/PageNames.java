package org.chronolens.report;

import java.math.BigInteger;

import org.chronolens.check.Vocabulary;
import org.chronolens.io.RunLayout;

/**
 * The one place where a child's or a case's pseudonymous id becomes a file or folder name of the
 * report. The report is copied to Windows and macOS, whose file systems see {@code Ab-1.html} and
 * {@code aB-1.html} as one file, so a name must differ from every other even with letter case
 * ignored: an id with no small letter is its own name ({@code C000123}); an id with small letters
 * keeps them and adds {@code ~} and, in hexadecimal, which of its letters are small (the first
 * letter the highest bit), so {@code Ab-1}, {@code aB-1} and {@code ab-1} become {@code Ab-1~1},
 * {@code aB-1~2} and {@code ab-1~3}. Case-folded, the part before {@code ~} gives the letters and
 * the code gives their case back, so two ids never share a folded name; ids are ASCII (checked at
 * ingest), so Unicode normalisation changes nothing either. A name Windows would not keep as it
 * is (a device name such as {@code CON}, with or without an extension; a trailing dot) gets
 * {@code ~w}. The name depends on the id alone, so
 * pages are named wherever they are rendered, with no pass over the whole run.
 */
public final class PageNames {

    /**
     * The report's own layout, below the run's {@code report/} folder (the run's names are
     * {@link RunLayout}'s): its first page, named with the run's outputs, the other top pages, and
     * the folders of per-rule and per-child pages. Templates link to these names as written here.
     */
    public static final String INDEX = RunLayout.Output.REPORT_INDEX.fileName();
    public static final String PATTERNS = "patterns.html";
    static final String COHORTS = "cohorts.html";
    /** The analyst's page of the run: data quality, charts, thresholds, what changed, reviews. */
    public static final String RUN_DETAILS = "run-details.html";
    /** The landing page's rows, one per flagged child, loaded by it as a script (see LandingPage). */
    static final String LANDING_ROWS = "children-to-review.js";
    static final String RULES = "rules/";
    static final String SUBJECTS = "subjects/";

    /** Ids never contain it, so it cannot make one id's name out of another's. */
    private static final char MARK = '~';

    private PageNames() {
    }

    /**
     * The name of a checked id. Ids are checked at ingest (a letter or digit, then letters, digits,
     * '.', '_' or '-'), so a name can never climb out of subjects/ or start like an option; an id
     * that does not fit is a bug upstream, refused here rather than written.
     */
    public static String name(String id) {
        if (id == null || !Vocabulary.ID.matcher(id).matches()) {
            throw new IllegalStateException("an id that is not a checked pseudonym reached the report");
        }
        StringBuilder small = new StringBuilder(id.length());
        boolean any = false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isLetter(c)) {
                small.append(Character.isLowerCase(c) ? '1' : '0');
                any |= Character.isLowerCase(c);
            }
        }
        String name = any ? id + MARK + new BigInteger(small.toString(), 2).toString(16) : id;
        // Windows drops a folder name's last dot (case C1. would merge with case C1) and refuses
        // its device names, extension or not (CON.html cannot be made). The 'w' is no hex digit, so
        // no other id's name ends so.
        return name.endsWith(".") || WINDOWS_DEVICES.contains(stem(name)) ? name + MARK + "w" : name;
    }

    private static final java.util.Set<String> WINDOWS_DEVICES = java.util.Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    /** The part of a name Windows checks against its device names: up to the first dot, in capitals. */
    private static String stem(String name) {
        int dot = name.indexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).toUpperCase(java.util.Locale.ROOT);
    }

    /** A child's page, from the report's root: {@code subjects/<case>/<child>.html}. */
    public static String subjectPage(String caseId, String subjectId) {
        return caseFolder(caseId) + subjectFile(subjectId);
    }

    /** The folder of a case's pages, from the report's root, ending in '/'. */
    static String caseFolder(String caseId) {
        return SUBJECTS + name(caseId) + "/";
    }

    /** A child's page from beside it, in its case's folder. */
    static String subjectFile(String subjectId) {
        return name(subjectId) + ".html";
    }

    /** A part of a long chronology, beside the child's page; "~part-" is no id's name nor part of one. */
    static String partFile(String subjectId, int part) {
        return name(subjectId) + MARK + "part-" + part + ".html";
    }
}
