package org.chronolens.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A small table as CSV text (RFC 4180, LF), for summaries computed on the driver. Text cells are
 * neutralised for spreadsheets; a plain number (a negative kappa, say) cannot be a formula and
 * stays a number.
 */
public final class CsvText {

    private CsvText() {
    }

    public static String of(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (List<Object> row : rows) {
                p.printRecord(row.stream().map(String::valueOf)
                        .map(v -> v.matches("-?[0-9]+(\\.[0-9]+)?") ? v : SpreadsheetSafe.cell(v)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
