package org.chronolens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.chronolens.Cli;
import org.chronolens.SampleRun;
import org.chronolens.SparkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** The README's examples work on the README's own sample run, as a new user types them. */
@ExtendWith({SparkExtension.class, SampleRun.class})
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    /** The README's command for {@code command}, continuation lines joined, comment cut, split as a shell would. */
    private static List<String> example(String command) throws Exception {
        String readme = Files.readString(Path.of("README.md")).replace("\\\n", " ");
        Matcher m = Pattern.compile("^jobs/run " + command + " (.*)$", Pattern.MULTILINE).matcher(readme);
        assertTrue(m.find(), "README.md has a jobs/run " + command + " example");
        List<String> args = new ArrayList<>(List.of(command));
        Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(m.group(1).replaceAll("\\s+#.*$", ""));
        while (word.find()) {
            args.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return args;
    }

    @Test
    void theAcknowledgeExampleAcknowledgesAFlagOfTheSampleRun(SampleRun.Run sample) throws Exception {
        List<String> args = example("acknowledge");
        assertEquals("out/sample", args.get(args.indexOf("--run") + 1), "the README's sample run: " + args);
        args.set(args.indexOf("--run") + 1, sample.folder().toString());
        Path acks = dir.resolve("acks.csv");
        args.set(args.indexOf("--file") + 1, acks.toString());

        Cli.Outcome o = Cli.run(args.toArray(String[]::new));
        // Was a defect: the README named a flag the sample run does not raise, and the example exited 2.
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        String key = args.get(args.indexOf("--flag") + 1);
        assertTrue(Files.readAllLines(acks).get(1).startsWith(key + ","), "the line names the flag");
    }
}
