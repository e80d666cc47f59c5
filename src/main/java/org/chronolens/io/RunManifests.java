package org.chronolens.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether a folder is one this project committed, told by its manifest: a whole JSON object whose
 * {@code command} is one of {@link RunLayout#COMMANDS}. What --overwrite may replace, and what an
 * input walk skips, are decided here.
 */
public final class RunManifests {

    private RunManifests() {
    }

    /**
     * Manifests larger than this are not read: no run writes one (a run over 3,000 input files
     * writes about 1.1 MB, mostly the inputs' hashes; 100,000 files about 40 MB).
     */
    static final long MANIFEST_LIMIT = 64L << 20;

    /**
     * The command that wrote the run in {@code folder}, if it is a folder this project committed
     * (its manifest.json or sample-manifest.json names one of the project's commands).
     */
    public static Optional<String> runCommand(FileSystem fs, Path folder) throws IOException {
        Optional<String> c = command(fs, RunLayout.path(folder, RunLayout.Output.MANIFEST));
        return c.isPresent() ? c : command(fs, new Path(folder, RunLayout.Pack.MANIFEST.file()));
    }

    /** Whether the folder holds a manifest named {@code manifestName} that this project wrote. */
    static boolean isRun(FileSystem fs, Path folder, String manifestName) throws IOException {
        return command(fs, new Path(folder, manifestName)).isPresent();
    }

    private static Optional<String> command(FileSystem fs, Path manifest) throws IOException {
        if (!fs.exists(manifest) || fs.getFileStatus(manifest).getLen() > MANIFEST_LIMIT) {
            return Optional.empty();
        }
        // Streamed, not read into a tree: a manifest lists every input file, and thousands of
        // daily extracts make it megabytes long. It must still be one whole JSON object.
        try (InputStream in = fs.open(manifest); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String command = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("command".equals(name) && value.isScalarValue()) {
                    command = p.getText();
                }
                p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return Optional.empty();
            }
            return RunLayout.COMMANDS.contains(command) ? Optional.of(command) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
