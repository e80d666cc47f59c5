package org.chronolens.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * One file to read. {@code uri} is what Hadoop's FileSystem opens (local or cluster storage);
 * {@code name} is how the file is shown in outputs: relative to the working folder where it
 * lies beneath it, so that outputs do not carry the analyst's home folder.
 */
public record InputFile(String uri, String name, Format format, long bytes) implements Serializable {

    public enum Format {
        CSV, PARQUET;

        static Format of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".parquet")) {
                return PARQUET;
            }
            return null;
        }
    }
}
