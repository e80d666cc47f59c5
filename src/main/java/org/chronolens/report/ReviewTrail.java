package org.chronolens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.chronolens.io.RunLayout;
import org.chronolens.io.RunLayout.Output;
import org.chronolens.util.Columns;

/**
 * A run's review trail ({@code acknowledgements.csv}, written only when the run was given
 * acknowledgements) by flag key: every line recorded for a flag, newest first, as a child's page
 * shows it under the flag. Columns are found by the file's header, so a column or a status added
 * later reads as before; a missing column reads as blank.
 */
final class ReviewTrail implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One line of the trail: when, who, what they decided and why, and whether it is still in force. */
    record Line(long line, String date, String reviewer, String outcome, String reason, String status) implements Serializable {
    }

    private static final Comparator<Line> NEWEST_FIRST = Comparator.comparing(Line::date, Comparator.reverseOrder())
            .thenComparing(Line::line, Comparator.reverseOrder());

    private final Map<String, List<Line>> byFlag;

    private ReviewTrail(Map<String, List<Line>> byFlag) {
        this.byFlag = byFlag;
    }

    static ReviewTrail none() {
        return new ReviewTrail(Map.of());
    }

    /** The run's trail, or none when the run was given no acknowledgements. */
    static ReviewTrail of(Path run, Configuration hadoop) {
        Path file = RunLayout.path(run, Output.ACKNOWLEDGEMENTS_CSV);
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file)) {
                return none();
            }
            try (InputStream in = fs.open(file)) {
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReviewTrail parse(Reader in) throws IOException {
        Map<String, List<Line>> byFlag = new HashMap<>();
        long n = 0;
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            n++;
            String key = get(r, Columns.FLAG_KEY);
            if (key.isEmpty()) {
                continue;
            }
            String line = get(r, "line");
            byFlag.computeIfAbsent(key, k -> new ArrayList<>()).add(new Line(line.matches("[0-9]{1,18}") ? Long.parseLong(line) : n,
                    get(r, "date"), get(r, "reviewer"), get(r, "outcome"), get(r, "reason"), get(r, "status")));
        }
        byFlag.values().forEach(lines -> lines.sort(NEWEST_FIRST));
        return new ReviewTrail(byFlag);
    }

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
    }

    /** An acknowledgement's outcome as a reviewer says it: "no action needed". */
    static String outcome(String token) {
        return token == null ? null
                : org.chronolens.review.Acknowledgements.OUTCOME_WORDS.getOrDefault(token, token.replace('-', ' '));
    }

    /** The trail of one flag, newest first, as a page shows it; empty when nobody has reviewed it. */
    List<Map<String, Object>> of(String flagKey) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Line l : byFlag.getOrDefault(flagKey, List.of())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", l.date());
            m.put("reviewer", l.reviewer());
            m.put("outcome", outcome(l.outcome()));
            m.put("reason", l.reason());
            m.put("status", l.status());
            out.add(m);
        }
        return out;
    }
}
