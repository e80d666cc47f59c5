package org.chronolens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.chronolens.io.RunManifests;
import org.chronolens.check.PiiScanner;

/**
 * Expands the {@code --input} arguments (files, folders, globs) into the files to read.
 * Folders are walked recursively for {@code *.csv} and {@code *.parquet}; in folders and glob
 * matches, names starting with {@code .} or {@code _} are skipped, as Spark and Hadoop do for
 * their own bookkeeping files, and so are this project's own run folders (a folder holding a run's
 * manifest), so that a run never reads what an earlier run wrote. A file named on its own is
 * always read.
 *
 * <p>On a local disk every file and folder is known by its real path, links followed: a file that
 * several links (or several inputs) lead to is read once, a link back to a folder being walked is
 * a loop, reported and not followed, and whatever a link leads to outside the named inputs counts
 * as an input too, so that no run writes there. Anything that is not a regular file (a named pipe,
 * a socket, a device) is refused as what it is before any file is read: opening a pipe would wait
 * for a writer, and a device has no end.
 */
public final class InputResolver {

    /**
     * The files to read; every path the arguments matched or a link led to (files and folders):
     * what a run must not write into; and what the walk noticed (loops, files reached twice).
     */
    public record Resolved(List<InputFile> files, List<String> roots, List<String> warnings) {
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
        Walk walk = new Walk();
        try {
            for (String input : inputs) {
                int before = walk.reached;
                expand(input, walk);
                if (walk.reached == before && walk.problems.isEmpty()) {
                    throw new InputRefusedException("input '" + pii.redact(input) + "' holds no .csv or .parquet file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!walk.problems.isEmpty()) {
            throw new InputRefusedException("input refused before reading any file:\n  - "
                    + String.join("\n  - ", walk.problems));
        }
        List<InputFile> files = new ArrayList<>(walk.files.values());
        files.sort(Comparator.comparing(InputFile::uri));
        return new Resolved(List.copyOf(files), List.copyOf(walk.roots), List.copyOf(walk.warnings));
    }

    /** What the walk over every input has found so far. */
    private static final class Walk {
        /** Keyed by the file's real path, so that a file is read once whatever leads to it. */
        final Map<String, InputFile> files = new LinkedHashMap<>();
        final Set<String> roots = new LinkedHashSet<>();
        final Set<String> warnings = new LinkedHashSet<>();
        final List<String> problems = new ArrayList<>();
        /** Real paths of the local folders walked already. */
        final Set<java.nio.file.Path> walked = new HashSet<>();
        /** Extracts met so far, counting each time one is met again: an input whose files were read already holds some. */
        int reached;
    }

    /** Adds what one argument names to the walk. */
    private void expand(String input, Walk walk) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new InputRefusedException("input '" + pii.redact(input) + "' does not exist; check the path (globs "
                    + "such as 'extracts/*.csv' are quoted so that the shell does not expand them)");
        }
        boolean glob = !path.toString().equals(matches[0].getPath().toUri().getPath()) || matches.length > 1;
        for (FileStatus match : matches) {
            boolean local = "file".equals(match.getPath().toUri().getScheme());
            if (match.isDirectory()) {
                if (isRun(fs, match.getPath())) {
                    if (!glob) {
                        throw new InputRefusedException("input '" + pii.redact(input) + "' is a chronolens run folder, "
                                + "not an extract; its accepted events are in its events/ folder (Parquet)");
                    }
                    continue;
                }
                walk.roots.add(match.getPath().toString());
                if (local) {
                    java.nio.file.Path folder = localPath(match.getPath());
                    java.nio.file.Path real = folder.toRealPath();
                    if (walk.walked.add(real)) {
                        Deque<java.nio.file.Path> chain = new ArrayDeque<>();
                        chain.push(real);
                        walkLocal(fs, folder, chain, walk);
                    } else {
                        walk.reached++; // named twice: its files are being read already
                    }
                } else {
                    walkHadoop(fs, match.getPath(), walk);
                }
            } else if (InputFile.Format.of(match.getPath().getName()) != null) {
                if (!glob || !hidden(match.getPath().getName())) {
                    walk.roots.add(match.getPath().toString());
                    if (local) {
                        addLocal(fs, localPath(match.getPath()), walk);
                    } else {
                        add(walk, match);
                    }
                }
            } else if (!glob) {
                if (local) {
                    String special = special(localPath(match.getPath()));
                    if (special != null) {
                        throw new InputRefusedException("input '" + pii.redact(input) + "' is " + special
                                + ", not a file; name a .csv or .parquet extract");
                    }
                }
                throw new InputRefusedException("input '" + pii.redact(input) + "' is neither a .csv nor a .parquet file");
            }
        }
    }

    /**
     * A local folder, walked through the path it was reached by (so that names show that path)
     * while {@code chain} holds the real paths of the folders above, to tell a loop.
     */
    private void walkLocal(FileSystem fs, java.nio.file.Path folder, Deque<java.nio.file.Path> chain, Walk walk)
            throws IOException {
        List<java.nio.file.Path> entries = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> listing = Files.newDirectoryStream(folder)) {
            listing.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (java.nio.file.Path entry : entries) {
            String name = entry.getFileName().toString();
            if (hidden(name)) {
                continue;
            }
            boolean link = Files.isSymbolicLink(entry);
            java.nio.file.Path real;
            try {
                real = entry.toRealPath();
            } catch (FileSystemException e) {
                if (InputFile.Format.of(name) != null) {
                    walk.problems.add(display(entry) + ": a link to nothing that can be read (its target is missing, "
                            + "or links lead round in a circle); remove the link or restore the file it names");
                }
                continue;
            }
            if (Files.isDirectory(real)) {
                if (chain.contains(real)) {
                    walk.warnings.add("the link " + display(entry) + " leads back to " + display(real)
                            + ", a folder it lies in (a loop); it was not followed, and that folder was read once");
                    continue;
                }
                if (!walk.walked.add(real)) {
                    if (link) {
                        walk.warnings.add("the link " + display(entry) + " leads to " + display(real)
                                + ", a folder read already; its files were read once");
                    }
                    continue;
                }
                if (isRun(fs, qualified(fs, real))) {
                    continue;
                }
                if (link) {
                    // What a link leads to is read like an input, so no run may write there either.
                    walk.roots.add(qualified(fs, real).toString());
                }
                chain.push(real);
                walkLocal(fs, entry, chain, walk);
                chain.pop();
            } else if (InputFile.Format.of(name) != null) {
                if (link) {
                    walk.roots.add(qualified(fs, real).toString());
                }
                addLocal(fs, entry, walk);
            }
        }
    }

    /** A local extract: refused if it is no regular file, read once by its real path. */
    private void addLocal(FileSystem fs, java.nio.file.Path file, Walk walk) throws IOException {
        walk.reached++;
        String special = special(file);
        if (special != null) {
            walk.problems.add(display(file) + ": " + special + ", not a regular file; an extract must be a file "
                    + "on disk (copy what writes into it to a file first)");
            return;
        }
        java.nio.file.Path real = file.toRealPath();
        String uri = qualified(fs, real).toString();
        InputFile.Format format = InputFile.Format.of(file.getFileName().toString());
        InputFile first = walk.files.putIfAbsent(uri, new InputFile(uri, display(file), format, Files.size(real)));
        if (first != null && !first.name().equals(display(file))) {
            walk.warnings.add(first.name() + " and " + display(file) + " are one file (a link leads to it); "
                    + "it was read once");
        }
    }

    /** What a local path is when it is neither a regular file nor a folder, links followed; null otherwise. */
    private static String special(java.nio.file.Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return "a link to a file that does not exist";
        }
        if (a.isRegularFile() || a.isDirectory()) {
            return null;
        }
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "not a regular file";
            };
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return "not a regular file";
        }
    }

    /** Files under a folder on a cluster's file system, which does not follow links while listing. */
    private void walkHadoop(FileSystem fs, Path folder, Walk walk) throws IOException {
        for (FileStatus s : fs.listStatus(folder)) {
            if (hidden(s.getPath().getName())) {
                continue;
            }
            if (s.isDirectory()) {
                if (!isRun(fs, s.getPath())) {
                    walkHadoop(fs, s.getPath(), walk);
                }
            } else {
                add(walk, s);
            }
        }
    }

    /** A folder an earlier run committed (generated chronologies excepted: they are meant to be read). */
    private static boolean isRun(FileSystem fs, Path folder) throws IOException {
        return RunManifests.runCommand(fs, folder).filter(c -> !c.equals("generate")).isPresent();
    }

    private void add(Walk walk, FileStatus f) {
        InputFile.Format format = InputFile.Format.of(f.getPath().getName());
        if (format != null) {
            walk.reached++;
            String uri = f.getPath().toString();
            walk.files.putIfAbsent(uri, new InputFile(uri, displayName(f.getPath()), format, f.getLen()));
        }
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static java.nio.file.Path localPath(Path path) {
        return Paths.get(path.toUri().getPath());
    }

    /** A local real path as Hadoop names it ({@code file:/...}); not through URI, which ends a folder's in '/'. */
    private static Path qualified(FileSystem fs, java.nio.file.Path real) {
        return fs.makeQualified(new Path(real.toString()));
    }

    private String display(java.nio.file.Path local) {
        java.nio.file.Path p = local.toAbsolutePath().normalize();
        return pii.redact(p.startsWith(workingDir) ? workingDir.relativize(p).toString() : p.toString());
    }

    /** How messages and outputs name the file: relative to the working folder, identifiers redacted. */
    private String displayName(Path path) {
        if (!"file".equals(path.toUri().getScheme())) {
            return pii.redact(path.toString());
        }
        return display(localPath(path));
    }
}
