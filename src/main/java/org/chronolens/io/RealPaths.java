package org.chronolens.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Paths as the file system sees them, links followed, so that "is this output inside that input"
 * is answered for the real folders and not for the spelling the user typed ({@code ./in/..},
 * a symbolic link to the input). A path that does not exist yet is its nearest existing ancestor,
 * resolved, with the rest appended.
 */
final class RealPaths {

    private RealPaths() {
    }

    static Path real(FileSystem fs, Path path) throws IOException {
        Path qualified = fs.makeQualified(path);
        if ("file".equals(qualified.toUri().getScheme())) {
            java.nio.file.Path p = Paths.get(qualified.toUri().getPath()).toAbsolutePath().normalize();
            java.nio.file.Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            java.nio.file.Path real = existing == null ? p : existing.toRealPath().resolve(existing.relativize(p));
            // Not through URI: a folder's URI ends in '/', which a Hadoop path takes for an empty last name.
            return fs.makeQualified(new Path(real.normalize().toString()));
        }
        Path existing = qualified;
        String rest = "";
        while (existing.getParent() != null && !fs.exists(existing)) {
            rest = rest.isEmpty() ? existing.getName() : existing.getName() + "/" + rest;
            existing = existing.getParent();
        }
        try {
            Path resolved = fs.resolvePath(existing);
            return rest.isEmpty() ? resolved : new Path(resolved, rest);
        } catch (FileNotFoundException e) {
            return qualified;
        }
    }

    /**
     * Refuses an output that is an input, holds one, or lies inside one (both already real paths);
     * {@code out} and {@code in} are how the message names them.
     */
    static void refuseOverlap(Path output, Path input, String out, String in) {
        String o = key(output);
        String i = key(input);
        String problem = o.equals(i) ? "is the input " + in
                : i.startsWith(o + "/") ? "holds the input " + in
                : o.startsWith(i + "/") ? "lies inside the input " + in
                : null;
        if (problem != null) {
            throw new UsageException("--out " + out + " " + problem + ": a run never writes into, over or inside what it "
                    + "reads. Nothing was read or written; choose an --out outside every input");
        }
    }

    private static String key(Path p) {
        java.net.URI u = p.toUri();
        String path = u.getPath().endsWith("/") && u.getPath().length() > 1
                ? u.getPath().substring(0, u.getPath().length() - 1) : u.getPath();
        return u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority()) + path;
    }
}
