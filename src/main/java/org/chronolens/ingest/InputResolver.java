package org.chronolens.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands the {@code --input} arguments (files, folders, globs) into the files to read.
 * Folders are walked recursively for {@code *.csv} and {@code *.parquet}; in folders and glob
 * matches, names starting with {@code .} or {@code _} are skipped, as Spark and Hadoop do for
 * their own bookkeeping files. A file named on its own is always read.
 */
public final class InputResolver {

    private final Configuration hadoop;
    private final java.nio.file.Path workingDir = Paths.get("").toAbsolutePath();

    public InputResolver(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public List<InputFile> resolve(List<String> inputs) {
        if (inputs.isEmpty()) {
            throw new InputRefusedException("no input given: name at least one file, folder or glob with --input");
        }
        Map<String, InputFile> files = new LinkedHashMap<>();
        try {
            for (String input : inputs) {
                List<InputFile> found = expand(input);
                if (found.isEmpty()) {
                    throw new InputRefusedException("input '" + input + "' holds no .csv or .parquet file");
                }
                found.forEach(f -> files.putIfAbsent(f.uri(), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(files.values());
    }

    private List<InputFile> expand(String input) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        List<InputFile> out = new ArrayList<>();
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new InputRefusedException("input '" + input + "' does not exist; check the path (globs such as "
                    + "'extracts/*.csv' are quoted so that the shell does not expand them)");
        }
        boolean glob = !path.toString().equals(matches[0].getPath().toUri().getPath()) || matches.length > 1;
        for (FileStatus match : matches) {
            if (match.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (!hidden(f.getPath(), match.getPath())) {
                        add(out, f);
                    }
                }
            } else if (InputFile.Format.of(match.getPath().getName()) != null) {
                if (!glob || !hidden(match.getPath(), match.getPath().getParent())) {
                    add(out, match);
                }
            } else if (!glob) {
                throw new InputRefusedException("input '" + input + "' is neither a .csv nor a .parquet file");
            }
        }
        out.sort(Comparator.comparing(InputFile::uri));
        return out;
    }

    private void add(List<InputFile> out, FileStatus f) {
        InputFile.Format format = InputFile.Format.of(f.getPath().getName());
        if (format != null) {
            out.add(new InputFile(f.getPath().toString(), displayName(f.getPath()), format, f.getLen()));
        }
    }

    private static boolean hidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private String displayName(Path path) {
        if (!"file".equals(path.toUri().getScheme())) {
            return path.toString();
        }
        java.nio.file.Path local = Paths.get(path.toUri().getPath());
        return local.startsWith(workingDir) ? workingDir.relativize(local).toString() : local.toString();
    }
}
