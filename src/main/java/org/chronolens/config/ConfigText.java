package org.chronolens.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a file people write by hand (job definitions, mappings, thresholds, prompts,
 * acknowledgements), read so that whatever is wrong with it is a {@link ConfigException} naming the
 * file and the line: too large, not UTF-8, control characters.
 */
public final class ConfigText {

    private static final String FOLDER = "is a folder, not a file; name the file";

    private ConfigText() {
    }

    /** The file as text, at most {@code maxBytes}; a UTF-8 byte-order mark is dropped. */
    public static String read(Path file, long maxBytes) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(name + ": " + FOLDER);
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ConfigException(name + ": the file is " + size + " bytes, more than the " + maxBytes
                        + " bytes such a file may have. Is this the right file?");
            }
            String text = decode(name, Files.readAllBytes(file));
            checkCharacters(name, text);
            return text;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(name + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The same for a file on any file system Hadoop reads ({@code hdfs://...} or a local path). */
    public static String read(String file, org.apache.hadoop.conf.Configuration hadoop, long maxBytes) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
            org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(hadoop);
            org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                throw new ConfigException(file + ": " + FOLDER);
            }
            long size = status.getLen();
            if (size > maxBytes) {
                throw new ConfigException(file + ": the file is " + size + " bytes, more than the " + maxBytes
                        + " bytes such a file may have. Is this the right file?");
            }
            byte[] bytes;
            try (java.io.InputStream in = fs.open(path)) {
                bytes = in.readNBytes((int) size);
            }
            String text = decode(file, bytes);
            checkCharacters(file, text);
            return text;
        } catch (java.io.FileNotFoundException e) {
            throw new ConfigException(file + ": file not found");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Strict UTF-8: the first byte that is not names its line. */
    public static String decode(String name, byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ConfigException(name + " line " + line + ": not UTF-8 text (byte " + (in.position() + 1)
                    + " of the file); save it as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Whether a character is one a file people write may not hold: a control character other than
     * a tab or a line break, DEL, or a non-character. A value written into such a file (a reviewer's
     * note, an auditor's comment) is held to the same rule, so it can never make the file unreadable.
     */
    public static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F || c == '\uFFFE' || c == '\uFFFF';
    }

    /** The first forbidden character of a value, or -1. */
    public static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (forbidden(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return -1;
    }

    /** Tabs and line breaks only: a NUL or another control character means a damaged or binary file. */
    public static void checkCharacters(String name, String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (forbidden(c)) {
                throw new ConfigException(name + " line " + line + ": holds a control character (code " + (int) c
                        + "); configuration files are plain text");
            }
        }
    }

}
