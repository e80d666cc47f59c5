package org.chronolens.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What runs killed mid-way left beside a folder: their staging folders, and a previous run a
 * killed commit had moved aside. Only tidied under the folder's {@link RunLock}, so every leftover
 * belongs to a dead run.
 */
final class Leftovers {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Leftovers() {
    }

    /**
     * A previous run moved aside goes back into place if nothing took its place; staging folders
     * and older moved-aside runs are removed. Names are matched literally (dot, target name,
     * marker, run id), never as globs.
     */
    static void recover(FileSystem fs, Path target) throws IOException {
        List<FileStatus> replaced = new ArrayList<>();
        for (FileStatus s : fs.listStatus(target.getParent())) {
            String name = s.getPath().getName();
            if (isLeftover(target, name, RunLayout.STAGING)) {
                fs.delete(s.getPath(), true);
            } else if (isLeftover(target, name, RunLayout.REPLACED)) {
                replaced.add(s);
            }
        }
        replaced.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
        if (!replaced.isEmpty() && !fs.exists(target)) {
            if (!fs.rename(replaced.get(0).getPath(), target)) {
                throw new IOException("cannot put the previous run " + replaced.get(0).getPath() + " back at " + target);
            }
            replaced.remove(0);
        }
        for (FileStatus s : replaced) {
            fs.delete(s.getPath(), true);
        }
    }

    private static boolean isLeftover(Path target, String name, String marker) {
        String prefix = "." + target.getName() + marker;
        return name.startsWith(prefix) && RUN_ID.matcher(name.substring(prefix.length())).matches();
    }
}
