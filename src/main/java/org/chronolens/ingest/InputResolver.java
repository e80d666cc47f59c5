package org.chronolens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.chronolens.io.OutputFolder;
import org.chronolens.check.PiiScanner;

/**
 * Expands the {@code --input} arguments (files, folders, globs) into the files to read.
 * Folders are walked recursively for {@code *.csv} and {@code *.parquet}; in folders and glob
 * matches, names starting with {@code .} or {@code _} are skipped, as Spark and Hadoop do for
 * their own bookkeeping files, and so are this project's own run folders (a folder holding a run's
 * manifest), so that a run never reads what an earlier run wrote. A file named on its own is
 * always read.
 */
public final class InputResolver {

    /** The files to read, and every path the arguments matched (files and folders): what a run must not write into. */
    public record Resolved(List<InputFile> files, List<String> roots) {
    }

    private final Configuration hadoop;
    private final java.nio.file.Path workingDir = Paths.get("").toAbsolutePath();
    private final PiiScanner pii = new PiiScanner();

    public InputResolver(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public Resolved resolve(List<String> inputs) {
        if (inputs.isEmpty()) {
            throw new InputRefusedException("no input given: name at least one file, folder or glob with --input");
        }
        Map<String, InputFile> files = new LinkedHashMap<>();
        Set<String> roots = new LinkedHashSet<>();
        try {
            for (String input : inputs) {
                List<InputFile> found = expand(input, roots);
                if (found.isEmpty()) {
                    throw new InputRefusedException("input '" + pii.redact(input) + "' holds no .csv or .parquet file");
                }
                found.forEach(f -> files.putIfAbsent(f.uri(), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Resolved(List.copyOf(files.values()), List.copyOf(roots));
    }

    private List<InputFile> expand(String input, Set<String> roots) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        List<InputFile> out = new ArrayList<>();
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new InputRefusedException("input '" + pii.redact(input) + "' does not exist; check the path (globs "
                    + "such as 'extracts/*.csv' are quoted so that the shell does not expand them)");
        }
        boolean glob = !path.toString().equals(matches[0].getPath().toUri().getPath()) || matches.length > 1;
        for (FileStatus match : matches) {
            if (match.isDirectory()) {
                if (isRun(fs, match.getPath())) {
                    if (!glob) {
                        throw new InputRefusedException("input '" + pii.redact(input) + "' is a chronolens run folder, "
                                + "not an extract; its accepted events are in its events/ folder (Parquet)");
                    }
                    continue;
                }
                roots.add(match.getPath().toString());
                walk(fs, match.getPath(), out);
            } else if (InputFile.Format.of(match.getPath().getName()) != null) {
                if (!glob || !hidden(match.getPath().getName())) {
                    roots.add(match.getPath().toString());
                    add(out, match);
                }
            } else if (!glob) {
                throw new InputRefusedException("input '" + pii.redact(input) + "' is neither a .csv nor a .parquet file");
            }
        }
        out.sort(Comparator.comparing(InputFile::uri));
        return out;
    }

    /** Files under a folder, skipping hidden and bookkeeping names and the project's own run folders. */
    private void walk(FileSystem fs, Path folder, List<InputFile> out) throws IOException {
        for (FileStatus s : fs.listStatus(folder)) {
            if (hidden(s.getPath().getName())) {
                continue;
            }
            if (s.isDirectory()) {
                if (!isRun(fs, s.getPath())) {
                    walk(fs, s.getPath(), out);
                }
            } else {
                add(out, s);
            }
        }
    }

    /** A folder an earlier run committed (generated chronologies excepted: they are meant to be read). */
    private static boolean isRun(FileSystem fs, Path folder) throws IOException {
        return OutputFolder.runCommand(fs, folder).filter(c -> !c.equals("generate")).isPresent();
    }

    private void add(List<InputFile> out, FileStatus f) {
        InputFile.Format format = InputFile.Format.of(f.getPath().getName());
        if (format != null) {
            out.add(new InputFile(f.getPath().toString(), displayName(f.getPath()), format, f.getLen()));
        }
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** How messages and outputs name the file: relative to the working folder, identifiers redacted. */
    private String displayName(Path path) {
        String name;
        if (!"file".equals(path.toUri().getScheme())) {
            name = path.toString();
        } else {
            java.nio.file.Path local = Paths.get(path.toUri().getPath());
            name = local.startsWith(workingDir) ? workingDir.relativize(local).toString() : local.toString();
        }
        return pii.redact(name);
    }
}
