package org.chronolens.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.chronolens.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A task that runs out of memory ends the process with a documented exit code and a plain message, not Spark's 52. */
@org.junit.jupiter.api.Tag("slow")
class ExitGuardTest {

    @Test
    void anOutOfMemoryErrorInASparkTaskEndsWithExitCodeOneAndSaysWhatToDo() throws Exception {
        ProcessBuilder pb = ChildJvm.java(FatalTaskMain.class.getName(), null, null)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCode.INTERNAL_ERROR.code(), p.exitValue(), err);
        assertTrue(err.contains("error: a Spark task ran out of memory or failed fatally"), err);
    }
}
