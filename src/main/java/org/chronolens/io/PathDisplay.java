package org.chronolens.io;

import java.nio.file.Paths;

import org.apache.hadoop.fs.Path;

/** Paths as messages show them: a local path without its scheme, relative to the working folder when inside it. */
public final class PathDisplay {

    private PathDisplay() {
    }

    public static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? relative(p.toUri().getPath()) : p.toString();
    }

    private static String relative(String absolute) {
        java.nio.file.Path cwd = Paths.get("").toAbsolutePath();
        java.nio.file.Path p = Paths.get(absolute);
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : absolute;
    }
}
