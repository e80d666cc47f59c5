package org.chronolens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small helpers for tests that write inline chronologies and read outputs back as text. */
public final class TestFiles {

    public static final String HEADER =
            "case_id,subject_id,event_id,event_date,agency,event_type,outcome,related_event_id,due_date,attendees,notes";

    private TestFiles() {
    }

    /** Writes lines joined by LF, with a final LF. */
    public static Path csv(Path dir, String name, String... lines) {
        return bytes(dir, name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Path bytes(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte of every file under {@code dir}, decoded leniently: for "this text appears nowhere" checks. */
    public static String allText(Path dir) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a folder, files and sub-folders, at {@code target}; returns the target. */
    public static Path copyTree(Path from, Path target) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
