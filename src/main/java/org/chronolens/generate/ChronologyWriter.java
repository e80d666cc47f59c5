package org.chronolens.generate;

import org.chronolens.util.Columns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chronolens.check.ContractColumn;

/**
 * Streams generated families to CSV: {@code chronology/chronology.csv}, or with split-by-agency one
 * extract per agency ({@code chronology/health.csv}, ...) as partnerships receive them. In split
 * mode each strategy meeting is also in the police extract, as the same event: the exact duplicate
 * that the job keeps once.
 */
final class ChronologyWriter implements AutoCloseable {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final Path folder;
    private final boolean split;
    private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();
    private final CSVPrinter truth;
    private final CSVPrinter cohorts;

    ChronologyWriter(Path out, boolean split) throws IOException {
        this.folder = chronologyPath(out);
        this.split = split;
        Files.createDirectories(folder);
        this.truth = printer(groundTruthPath(out));
        truth.printRecord(Columns.CASE_ID, Columns.SUBJECT_ID, "persona", "planted_patterns", "planted_precursor");
        this.cohorts = printer(cohortsPath(out));
        cohorts.printRecord(Columns.CASE_ID, Columns.SUBJECT_ID, "age_band", "sex", "locality");
    }

    /** Beside the chronology folder, never in it: a scan of that folder must not read it as events. */
    static Path cohortsPath(Path out) {
        return out.resolve("cohorts.csv");
    }

    static Path chronologyPath(Path out) {
        return out.resolve("chronology");
    }

    static Path groundTruthPath(Path out) {
        return out.resolve("ground-truth.csv");
    }

    void write(FamilyGenerator.Family family) throws IOException {
        for (GeneratedEvent e : family.events()) {
            print(split ? e.agency() : "chronology", e);
            if (split && "strategy_meeting".equals(e.type())) {
                print("police", e);
            }
        }
        for (GroundTruth t : family.truths()) {
            truth.printRecord(t.caseId(), t.subjectId(), t.persona(), String.join(";", t.planted()), t.precursor());
            if (t.subjectId() != null) {
                String[] a = Cohort.of(t.subjectId());
                cohorts.printRecord(t.caseId(), t.subjectId(), a[0], a[1], a[2]);
            }
        }
    }

    private void print(String file, GeneratedEvent e) throws IOException {
        CSVPrinter p = printers.get(file);
        if (p == null) {
            p = printer(folder.resolve(file + ".csv"));
            p.printRecord(ContractColumn.names());
            printers.put(file, p);
        }
        p.printRecord(e.caseId(), e.subjectId(), e.eventId(), e.eventDate(), e.agency(), e.type(), e.outcome(),
                e.relatedEventId(), e.dueDate(), e.attendees(), e.notes());
    }

    private static CSVPrinter printer(Path file) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSV);
    }

    @Override
    public void close() throws IOException {
        cohorts.close();
        IOException first = null;
        for (CSVPrinter p : printers.values()) {
            try {
                p.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        truth.close();
        if (first != null) {
            throw first;
        }
    }
}
