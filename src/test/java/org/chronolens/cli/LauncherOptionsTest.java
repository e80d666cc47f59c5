package org.chronolens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LauncherOptionsTest {

    @Test
    void theLauncherPassesSparksOwnJavaModuleOptions() throws Exception {
        Path file = Path.of("target/launcher/jvm-options.txt");
        List<String> ours = Arrays.asList(Files.readString(file).trim().split("\\s+"));
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            if (option.equals("--add-modules=jdk.incubator.vector")) {
                // Left out on purpose (pom.xml says why): only netlib's VectorBLAS uses the module.
                assertFalse(ours.contains(option));
                continue;
            }
            assertTrue(ours.contains(option), "jobs/run lacks Spark's JVM option " + option + "; update pom.xml");
        }
    }
}
