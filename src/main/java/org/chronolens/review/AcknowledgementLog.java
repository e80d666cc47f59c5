package org.chronolens.review;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.chronolens.config.ConfigText;
import org.chronolens.io.Placement;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.io.RunLock;
import org.chronolens.io.SpreadsheetSafe;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.util.Columns;

/**
 * The one way a line gets into an acknowledgements file, whoever asks (the {@code acknowledge}
 * command, the review server): the flag's evidence copied from the run that showed it, the values
 * checked as a line of the file is, the reason made safe for a spreadsheet, and the file rewritten
 * in one rename under its lock, after the whole file as it will be has been validated.
 */
public final class AcknowledgementLog {

    /** One acknowledgement to record; {@code date} is {@code yyyy-MM-dd}. */
    public record Request(String run, String flagKey, String reviewer, String date, String outcome, String reason) {
    }

    /** What was appended: the evidence copied from the run and the line as written. */
    public record Appended(String evidence, String line) {
    }

    /**
     * Writers in this JVM take their turn here before the file's lock: the lock refuses a second
     * claim from its own process at once (it is the operating system's, held per process), and a
     * server's reviewers should queue, not be refused.
     */
    private static final ConcurrentHashMap<String, ReentrantLock> TURNS = new ConcurrentHashMap<>();

    private final TextFiles files;
    private final String file;

    public AcknowledgementLog(TextFiles files, String file) {
        this.files = files;
        this.file = file;
    }

    public String file() {
        return file;
    }

    /**
     * Appends one line, or refuses with a message and writes nothing. {@code waitForOthers} is how
     * long to keep trying while another process (an {@code acknowledge} in a terminal) holds the
     * file's lock; zero refuses at once, naming the holder.
     */
    public Appended append(Request r, Duration waitForOthers) {
        if (!files.exists(files.child(r.run(), Output.SUCCESS.file()))) {
            throw new UsageException(r.run() + " is not a completed run (no " + Output.SUCCESS.file()
                    + "); name a run folder a scan committed");
        }
        Acknowledgements.check(r.flagKey(), "(from the run)", r.reviewer(), r.date(), r.outcome(), r.reason());
        Placement.refuseFileInPath(files.configuration(), "--file", file, false);
        String evidence = evidenceOf(r.run(), r.flagKey());
        // A reason is free text that a spreadsheet would run if it started like a formula.
        String line = line(r.flagKey(), evidence, r.reviewer().strip(), r.date(), r.outcome().strip(),
                SpreadsheetSafe.cell(r.reason().strip()));
        ReentrantLock turn = TURNS.computeIfAbsent(files.path(file).toString(), k -> new ReentrantLock(true));
        turn.lock();
        // Appending is a rewrite in one rename under the file's lock: two reviewers at once never
        // interleave their lines, a crash never leaves half a line (HDFS appends cannot promise
        // either), and a scan reading the file meanwhile sees the old file or the new one, whole.
        try (RunLock lock = lock(waitForOthers)) {
            String existing = files.exists(file) ? ConfigText.read(file, files.configuration(), Acknowledgements.MAX_BYTES) : "";
            String prefix = existing.isEmpty() ? header() : existing.endsWith("\n") ? "" : "\n";
            String next = existing + prefix + line;
            // Validate the file as it will be, before touching it: a refused line is never added.
            Acknowledgements.parse(new java.io.StringReader(next), file);
            files.replace(file, next);
        } finally {
            turn.unlock();
        }
        return new Appended(evidence, line);
    }

    private RunLock lock(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return files.lock(file, "acknowledgements file " + file);
            } catch (UsageException refused) {
                if (System.nanoTime() >= deadline) {
                    throw refused;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    /** The flag's evidence as the run stored it, from its flags/ Parquet, never the guarded CSV. */
    public String evidenceOf(String run, String key) {
        String folder = files.child(run, Output.FLAGS.file());
        FileSystem fs = files.fs(folder);
        try {
            if (!fs.exists(files.path(folder))) {
                throw new UsageException(run + " has no flags/ folder; name a run folder a scan committed");
            }
            for (FileStatus part : Stream.of(fs.listStatus(files.path(folder)))
                    .filter(s -> s.getPath().getName().endsWith(".parquet") && !s.getPath().getName().startsWith("_")
                            && !s.getPath().getName().startsWith("."))
                    .sorted(Comparator.comparing(s -> s.getPath().getName())).toList()) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part.getPath())
                        .withConf(files.configuration()).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        if (key.equals(string(g, Columns.FLAG_KEY))) {
                            return string(g, Columns.EVIDENCE_EVENT_IDS);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new UsageException("flag '" + key + "' is not among the flags of " + run
                + "; copy the key from the flag_key column or the child's page of that run's report");
    }

    private static String string(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? "" : g.getString(field, 0);
    }

    private static String header() {
        return String.join(",", Acknowledgements.COLUMNS) + "\n";
    }

    private static String line(String... values) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord((Object[]) values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
