package org.chronolens.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.check.IdentifierWords;
import org.chronolens.check.PiiScanner;
import org.chronolens.config.ConfigText;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLock;
import org.chronolens.io.SpreadsheetSafe;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.review.Acknowledgements;
import org.chronolens.util.Columns;

/**
 * Records an auditor's verdict in an audit pack's checklist, as an auditor filling it in by hand
 * would: the flag's row gets the verdict, the auditor's pseudonym and the comment. Each auditor has
 * a checklist of their own, so that double coding still gives two checklists to compare: the pack's
 * {@code checklist.csv} belongs to the first auditor to record in it, and any other auditor gets
 * {@code checklist-<pseudonym>.csv}, a blank copy of it. Every write holds the pack's checklist
 * lock and replaces the file in one rename.
 */
public final class ChecklistVerdicts {

    /** The verdict in force for one flag of one checklist. */
    public record Recorded(String file, String flagKey, String verdict, String auditor, String comment) {
    }

    private static final ConcurrentHashMap<String, ReentrantLock> TURNS = new ConcurrentHashMap<>();
    private static final int MAX_COMMENT = 2000;

    private final TextFiles files;
    private final String pack;

    public ChecklistVerdicts(TextFiles files, String pack) {
        this.files = files;
        this.pack = pack;
    }

    /** The checklist an auditor's verdicts go to, whether it exists yet or not. */
    public String checklistOf(String auditor) {
        String shared = files.child(pack, RunLayout.Pack.CHECKLIST_CSV.file());
        List<String> others = auditorsIn(read(shared)).stream().filter(a -> !a.equals(auditor)).toList();
        String own = files.child(pack, "checklist-" + auditor + ".csv");
        return others.isEmpty() && !files.exists(own) ? shared : own;
    }

    /** The verdicts this auditor has recorded so far, by flag key. */
    public Map<String, Recorded> of(String auditor) {
        Map<String, Recorded> out = new LinkedHashMap<>();
        String file = checklistOf(auditor);
        if (!files.exists(file)) {
            return out;
        }
        for (CSVRecord r : parse(read(file))) {
            if (auditor.equals(r.get("auditor").strip()) && !r.get("verdict").isBlank()) {
                out.put(r.get(Columns.FLAG_KEY), new Recorded(file, r.get(Columns.FLAG_KEY), r.get("verdict").strip(), auditor,
                        unguard(r.get("comment"))));
            }
        }
        return out;
    }

    /**
     * Records one verdict, replacing the auditor's earlier verdict on the same flag; refuses, writing
     * nothing, a verdict outside the checklist's vocabulary, an auditor that is not a pseudonym, a
     * comment holding an identifier, and a flag not in the pack's sample.
     */
    public Recorded record(String auditor, String flagKey, String verdict, String comment) {
        List<String> problems = new ArrayList<>();
        if (!Checklists.VERDICTS.contains(verdict)) {
            problems.add("verdict '" + verdict + "' is not one of " + String.join(", ", Checklists.VERDICTS));
        }
        if (auditor == null || !Acknowledgements.PSEUDONYM.matcher(auditor).matches()) {
            problems.add("the auditor is not a pseudonym (letters, digits, '.', '_' or '-'; no spaces)");
        }
        String text = comment == null ? "" : comment.strip();
        if (text.length() > MAX_COMMENT) {
            problems.add("the comment is " + text.length() + " characters; keep it to " + MAX_COMMENT);
        }
        if (ConfigText.firstForbidden(text) >= 0) {
            problems.add("the comment holds a control character (code " + ConfigText.firstForbidden(text)
                    + "); write it as plain text (line breaks and tabs are fine)");
        }
        PiiScanner.Scan scan = new PiiScanner().scan(text);
        if (scan.found()) {
            // The comment is not echoed: it holds the identifier.
            problems.add("the comment holds what looks like " + IdentifierWords.of(scan) + "; rewrite it without");
        }
        if (!problems.isEmpty()) {
            throw new UsageException("the verdict was refused; nothing was written: " + String.join("; ", problems));
        }
        String shared = files.child(pack, RunLayout.Pack.CHECKLIST_CSV.file());
        ReentrantLock turn = TURNS.computeIfAbsent(files.path(shared).toString(), k -> new ReentrantLock(true));
        turn.lock();
        try (RunLock lock = files.lock(shared, "audit checklist " + shared)) {
            String file = checklistOf(auditor);
            String current = files.exists(file) ? read(file) : blank(read(shared));
            List<String> header = new ArrayList<>(parser(current).getHeaderNames());
            List<List<String>> rows = new ArrayList<>();
            boolean found = false;
            for (CSVRecord r : parse(current)) {
                List<String> row = new ArrayList<>(r.toList());
                if (r.get(Columns.FLAG_KEY).equals(flagKey)) {
                    found = true;
                    row.set(header.indexOf("verdict"), verdict);
                    row.set(header.indexOf("auditor"), auditor);
                    // A comment is free text that a spreadsheet would run if it started like a formula.
                    row.set(header.indexOf("comment"), text.isEmpty() ? "" : SpreadsheetSafe.cell(text));
                }
                rows.add(row);
            }
            if (!found) {
                throw new UsageException("flag '" + flagKey + "' is not in this audit pack's checklist; record verdicts "
                        + "from the pack's own page");
            }
            files.replace(file, csv(header, rows));
            return new Recorded(file, flagKey, verdict, auditor, text);
        } finally {
            turn.unlock();
        }
    }

    private String read(String file) {
        if (!files.exists(file)) {
            throw new UsageException(pack + " has no " + RunLayout.Pack.CHECKLIST_CSV.file()
                    + "; name an audit pack the sample command wrote");
        }
        return ConfigText.read(file, files.configuration(), 64L << 20);
    }

    private static List<String> auditorsIn(String checklist) {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : parse(checklist)) {
            String a = r.get("auditor").strip();
            if (!a.isEmpty() && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The shared checklist with every verdict, auditor and comment cleared: a second auditor's start. */
    private static String blank(String checklist) {
        List<String> header = parser(checklist).getHeaderNames();
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord r : parse(checklist)) {
            List<String> row = new ArrayList<>(r.toList());
            for (String c : List.of("verdict", "auditor", "comment")) {
                row.set(header.indexOf(c), "");
            }
            rows.add(row);
        }
        return csv(header, rows);
    }

    private static org.apache.commons.csv.CSVParser parser(String text) {
        try {
            var p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text));
            for (String c : List.of(Columns.FLAG_KEY, "verdict", "auditor", "comment")) {
                if (!p.getHeaderNames().contains(c)) {
                    throw new UsageException("the checklist has no " + c + " column; it is not one the sample command wrote");
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> parse(String text) {
        try {
            return parser(text).getRecords();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UsageException("the checklist is not a readable CSV file (" + e.getMessage() + ")");
        }
    }

    private static String csv(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String unguard(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }
}
