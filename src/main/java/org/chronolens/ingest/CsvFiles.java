package org.chronolens.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.chronolens.check.EventCheck;

/** How every chronology CSV is opened: RFC 4180, UTF-8 with an optional byte-order mark. */
final class CsvFiles {

    /** Blank lines are kept as records so that line numbers stay exact; readers skip them. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private CsvFiles() {
    }

    /**
     * Opens a file as characters. Bytes that are not UTF-8 become {@link EventCheck#UNDECODABLE}
     * instead of failing the whole file, so that only the rows holding them are quarantined.
     */
    static Reader open(String uri, Configuration hadoop) throws IOException {
        Path path = new Path(uri);
        return decode(path.getFileSystem(hadoop).open(path));
    }

    /** The reader with every record over the record limit cut short (see {@link RecordLimit}). */
    static RecordLimit limited(Reader in) {
        return new RecordLimit(in, org.chronolens.check.Vocabulary.MAX_RECORD_CHARS);
    }

    /** Decodes bytes as UTF-8 as {@link #open} does, skipping a byte-order mark at the start. */
    static Reader decode(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(EventCheck.UNDECODABLE));
        return new InputStreamReader(in, decoder);
    }
}
