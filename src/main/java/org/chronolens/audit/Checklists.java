package org.chronolens.audit;

import org.chronolens.util.Columns;
import org.chronolens.review.Acknowledgements;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.io.RunLayout;
import org.chronolens.io.TextFiles;
import org.chronolens.check.PiiScanner;

/**
 * Auditors' completed checklists, read strictly: every flag key must be in the sample the checklist
 * came from, every verdict one of the three, every verdict signed by an auditor pseudonym. All
 * problems of all files are reported together, each with its file and line. A row left untouched
 * (no verdict, auditor or comment) is not an error: it is counted as not yet audited.
 */
public final class Checklists {

    public static final List<String> VERDICTS = List.of("agree", "disagree", "unclear");
    private static final List<String> REQUIRED = List.of(Columns.FLAG_KEY, Columns.RULE_ID, "verdict", "auditor", "comment");

    /** One auditor's verdict on one flag. */
    public record Verdict(String file, long line, String flagKey, String ruleId, String stratum, String auditor,
                          String verdict) {
    }

    /** The verdicts, the rows no one has filled in yet, and the sample ids the checklists came from. */
    public record Read(List<Verdict> verdicts, long notAudited, List<String> sampleIds) {
    }

    private Checklists() {
    }

    /**
     * Reads the checklists. The sample each came from is {@code sample} when given, else the folder
     * the checklist is in (its sample.csv and sample-manifest.json).
     */
    public static Read read(List<String> checklists, String sample, TextFiles files) {
        List<String> problems = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<String> sampleIds = new ArrayList<>();
        long notAudited = 0;
        Map<String, String> seen = new HashMap<>();
        PiiScanner pii = new PiiScanner();
        for (String file : checklists) {
            String folder = sample != null ? sample : files.parent(file);
            Map<String, String[]> keys = sampleKeys(files, folder, file);
            String id = sampleId(files, folder);
            if (id != null && !sampleIds.contains(id)) {
                sampleIds.add(id);
            }
            try (Reader in = reader(files, file)) {
                var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
                List<String> missing = REQUIRED.stream().filter(c -> !parser.getHeaderNames().contains(c)).toList();
                if (!missing.isEmpty()) {
                    problems.add(file + " line 1: missing column(s) " + missing + "; a checklist written by the sample "
                            + "command has " + String.join(",", REQUIRED) + " among its columns");
                    continue;
                }
                for (CSVRecord r : parser) {
                    String where = file + " line " + r.getParser().getCurrentLineNumber() + ": ";
                    if (!r.isConsistent()) {
                        problems.add(where + r.size() + " fields; the header has " + parser.getHeaderNames().size());
                        continue;
                    }
                    String key = unquote(r.get(Columns.FLAG_KEY).strip());
                    String verdict = r.get("verdict").strip().toLowerCase(java.util.Locale.ROOT);
                    String auditor = r.get("auditor").strip();
                    String comment = r.get("comment").strip();
                    if (verdict.isEmpty() && auditor.isEmpty() && comment.isEmpty()) {
                        notAudited++;
                        continue;
                    }
                    int before = problems.size();
                    String[] flag = keys.get(key);
                    if (flag == null) {
                        problems.add(where + "flag_key '" + key + "' is not in the sample (" + files.child(folder, RunLayout.Pack.SAMPLE_CSV.file())
                                + "); checklist rows must come from the sample they audit");
                    } else if (!flag[0].equals(r.get(Columns.RULE_ID).strip())) {
                        problems.add(where + "rule_id '" + r.get(Columns.RULE_ID) + "' does not match the flag's rule '" + flag[0] + "'");
                    }
                    if (!VERDICTS.contains(verdict)) {
                        problems.add(where + "verdict '" + r.get("verdict") + "' is not one of agree, disagree, unclear");
                    }
                    if (auditor.isEmpty()) {
                        problems.add(where + "auditor is missing; every verdict is signed with the auditor's pseudonym");
                    } else if (!Acknowledgements.PSEUDONYM.matcher(auditor).matches()) {
                        problems.add(where + "auditor '" + (auditor.length() > 20 ? auditor.substring(0, 20) + "..." : auditor)
                                + "' is not a pseudonym (letters, digits, '.', '_' or '-'; no spaces)");
                    }
                    if (!comment.isEmpty() && pii.scan(comment).found()) {
                        problems.add(where + "comment holds what looks like a personal identifier ("
                                + pii.scan(comment).counts().keySet().iterator().next().code() + "); rewrite it without");
                    }
                    String earlier = seen.putIfAbsent(key + "|" + auditor, where);
                    if (earlier != null && problems.size() == before) {
                        problems.add(where + "auditor '" + auditor + "' already gave a verdict on this flag at "
                                + earlier.substring(0, earlier.length() - 2) + "; one verdict per auditor and flag");
                    }
                    if (problems.size() == before) {
                        verdicts.add(new Verdict(file, r.getParser().getCurrentLineNumber(), key, flag[0], flag[1],
                                auditor, verdict));
                    }
                }
            } catch (IOException e) {
                throw new InputRefusedException(file + ": cannot be read (" + e.getMessage() + ")");
            } catch (IllegalStateException | UncheckedIOException e) {
                throw new InputRefusedException(file + ": not a readable CSV file (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InputRefusedException("the checklists were refused; nothing was summarised:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Read(verdicts, notAudited, sampleIds);
    }

    /** Spreadsheets may have kept the apostrophe that neutralised a leading '=', '+', '-' or '@'. */
    private static String unquote(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    /** flag key → {rule, stratum} of the sample in {@code folder}. */
    private static Map<String, String[]> sampleKeys(TextFiles files, String folder, String checklist) {
        String csv = files.child(folder, RunLayout.Pack.SAMPLE_CSV.file());
        if (!files.exists(csv)) {
            throw new InputRefusedException("cannot check " + checklist + ": there is no sample.csv beside it; give the "
                    + "audit pack it came from with --sample DIR");
        }
        Map<String, String[]> keys = new LinkedHashMap<>();
        try (Reader in = reader(files, csv)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                keys.put(unquote(r.get(Columns.FLAG_KEY)), new String[] {r.get(Columns.RULE_ID), r.get("stratum")});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new InputRefusedException(csv + " is not a sample.csv written by the sample command (" + e.getMessage() + ")");
        }
        return keys;
    }

    private static String sampleId(TextFiles files, String folder) {
        String manifest = files.child(folder, RunLayout.Pack.MANIFEST.file());
        if (!files.exists(manifest)) {
            return null;
        }
        try (java.io.InputStream in = files.open(manifest)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("sample_id").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strict UTF-8: a checklist a spreadsheet saved in another encoding is refused, not misread. */
    static Reader reader(TextFiles files, String file) throws IOException {
        return new java.io.InputStreamReader(files.open(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }
}
