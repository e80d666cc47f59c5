package org.chronolens.review;

import org.chronolens.util.Columns;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.config.ConfigException;
import org.chronolens.config.ConfigText;
import org.chronolens.check.PiiScanner;

/**
 * The reviewers' acknowledgements: an append-only CSV in which each line records that a flag was
 * reviewed. A line names the flag by its key and the evidence the reviewer saw, so that a later run
 * can tell whether the flag still rests on that evidence (it stays acknowledged) or has gained an
 * event since (it is re-opened). The file is read whole and refused whole, with every bad line
 * named, because a half-read audit trail would silently drop a reviewer's decision.
 */
public final class Acknowledgements {

    public static final List<String> COLUMNS = List.of(Columns.FLAG_KEY, Columns.EVIDENCE_EVENT_IDS, "reviewer", "date", "outcome",
            "reason");

    /**
     * What the reviewer concluded, with the words a form offers. Outcomes are only ever added, so
     * that every file written before stays valid.
     */
    public static final Map<String, String> OUTCOME_WORDS = outcomeWords();

    /** The outcome tokens a line may carry. */
    public static final List<String> OUTCOMES = List.copyOf(OUTCOME_WORDS.keySet());

    private static Map<String, String> outcomeWords() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("action-taken", "action taken");
        words.put("no-action-needed", "no action needed");
        words.put("flag-incorrect", "flag incorrect");
        words.put("discussed-in-supervision", "discussed in supervision");
        words.put("escalated-to-strategy-discussion", "escalated to a strategy discussion");
        return java.util.Collections.unmodifiableMap(words);
    }

    /** Pseudonyms only: a reviewer's name or e-mail address has no place in a run folder. */
    public static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** One line of the file; {@code line} is its line number, for the audit trail. */
    public record Entry(long line, String flagKey, List<String> evidence, String reviewer, LocalDate date,
                        String outcome, String reason) {
    }

    private final String source;
    private final List<Entry> entries;
    private final String sha256;

    private Acknowledgements(String source, List<Entry> entries, String sha256) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.sha256 = sha256;
    }

    /** No acknowledgements (no file configured). */
    public static Acknowledgements none() {
        return new Acknowledgements("", List.of(), "");
    }

    /** An append-only file grows, but not without bound: a larger one is not an acknowledgements file. */
    public static final long MAX_BYTES = 64L << 20;

    /**
     * Reads and validates the file; a file that does not exist yet holds no acknowledgements. What
     * is wrong with it is a configuration error naming the file and the line.
     */
    public static Acknowledgements load(String file, org.apache.hadoop.conf.Configuration hadoop) {
        if (!new org.chronolens.io.TextFiles(hadoop).exists(file)) {
            return new Acknowledgements(file, List.of(), "");
        }
        String text = ConfigText.read(file, hadoop, MAX_BYTES);
        Acknowledgements a = parse(new java.io.StringReader(text), file);
        return new Acknowledgements(a.source, a.entries, org.chronolens.util.Hashes.sha256(text));
    }

    /** Parses and validates; every problem is reported at once, each with its line number. */
    public static Acknowledgements parse(Reader in, String name) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        PiiScanner pii = new PiiScanner();
        try {
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            List<String> header = parser.getHeaderNames();
            if (!header.equals(COLUMNS)) {
                throw new ConfigException(name + " line 1: the header is " + header + "; expected "
                        + String.join(",", COLUMNS) + " (see docs/operations.md, Acknowledgements)");
            }
            for (CSVRecord r : parser) {
                long line = r.getParser().getCurrentLineNumber();
                String where = name + " line " + line + ": ";
                if (r.size() != COLUMNS.size()) {
                    problems.add(where + r.size() + " fields; expected " + COLUMNS.size() + " ("
                            + String.join(",", COLUMNS) + ")");
                    continue;
                }
                Entry e = entry(line, where, r::get, problems, pii);
                if (e != null) {
                    entries.add(e);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(name + ": not a readable CSV file (" + e.getMessage() + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("the acknowledgements file was refused; nothing was applied:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Acknowledgements(name, entries, "");
    }

    /**
     * Checks one acknowledgement given as values (the {@code acknowledge} command's options), with
     * the same rules as a line of the file.
     */
    public static void check(String flagKey, String evidence, String reviewer, String date, String outcome,
                             String reason) {
        Map<String, String> values = Map.of(Columns.FLAG_KEY, flagKey, Columns.EVIDENCE_EVENT_IDS, evidence, "reviewer", reviewer,
                "date", date, "outcome", outcome, "reason", reason);
        List<String> problems = new ArrayList<>();
        entry(0, "", values::get, problems, new PiiScanner());
        if (!problems.isEmpty()) {
            throw new ConfigException("the acknowledgement was refused; nothing was appended:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static Entry entry(long line, String where, java.util.function.Function<String, String> get,
                               List<String> problems, PiiScanner pii) {
        int before = problems.size();
        String key = get.apply(Columns.FLAG_KEY).strip();
        String[] parts = key.split("\\|", -1);
        if (parts.length < 3 || !Catalogue.standard().ids().contains(parts[0]) || parts[1].isEmpty()) {
            problems.add(where + "flag_key '" + key + "' is not a flag key (rule|case|subject, as in the "
                    + "flag_key column of flags.csv)");
        }
        List<String> evidence = Arrays.stream(get.apply(Columns.EVIDENCE_EVENT_IDS).split(";"))
                .map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
        if (evidence.isEmpty()) {
            problems.add(where + "evidence_event_ids is empty; copy it from the flag's row in flags.csv");
        }
        String reviewer = get.apply("reviewer").strip();
        if (!PSEUDONYM.matcher(reviewer).matches()) {
            problems.add(where + "reviewer '" + (reviewer.length() > 20 ? reviewer.substring(0, 20) + "..." : reviewer)
                    + "' is not a pseudonym (letters, digits, '.', '_' or '-', up to 64 characters; no spaces)");
        }
        LocalDate date = null;
        try {
            date = LocalDate.parse(get.apply("date").strip());
        } catch (DateTimeParseException e) {
            problems.add(where + "date '" + get.apply("date") + "' is not a date (yyyy-MM-dd)");
        }
        String outcome = get.apply("outcome").strip();
        if (!OUTCOMES.contains(outcome)) {
            problems.add(where + "outcome '" + outcome + "' is not one of " + String.join(", ", OUTCOMES));
        }
        String reason = get.apply("reason").strip();
        if (reason.isEmpty()) {
            problems.add(where + "reason is empty; say briefly why (it is the audit trail)");
        } else if (ConfigText.firstForbidden(reason) >= 0) {
            problems.add(where + "reason holds a control character (code " + ConfigText.firstForbidden(reason)
                    + "); write it as plain text (line breaks and tabs are fine)");
        } else if (pii.scan(reason).found()) {
            // The reason's text is not echoed: it holds the identifier.
            problems.add(where + "reason holds what looks like a personal identifier ("
                    + pii.scan(reason).counts().keySet().iterator().next().code()
                    + "); rewrite it with pseudonyms only");
        }
        return problems.size() == before ? new Entry(line, key, evidence, reviewer, date, outcome, reason) : null;
    }

    public String source() {
        return source;
    }

    /** SHA-256 of the file as read, for the run's manifest. */
    public String sha256() {
        return sha256;
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The acknowledgement in force for each flag key on {@code asOf}: the latest dated on or before
     * it (ties go to the later line, as the file is append-only). Lines dated after the as-of date
     * do not apply, so that a back-fill says what was known then.
     */
    public Map<String, Entry> inForce(LocalDate asOf) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        entries.stream().filter(e -> !e.date().isAfter(asOf))
                .sorted(Comparator.comparing(Entry::date).thenComparing(Entry::line))
                .forEach(e -> latest.put(e.flagKey(), e));
        return latest;
    }
}
