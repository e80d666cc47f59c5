package org.chronolens;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark compiles its comparison programs (jobs/reference/) only when it runs, which is
 * rarely: this keeps them compiling against the Spark and Java the project builds with, so that a
 * dependency upgrade cannot leave the benchmark broken until the next person measures.
 */
class BenchmarkSourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"SparkFloor.java", "SqlReference.java"})
    void theBenchmarksComparisonProgramsCompileAgainstTheProjectsClasspath(String source, @TempDir Path out) {
        Path file = Path.of("jobs", "reference", source);
        assertTrue(Files.isRegularFile(file), "the benchmark runs " + file + ", which is missing");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
        StringWriter errors = new StringWriter();
        int code = javac.run(new PrintWriter(errors), new PrintWriter(errors), "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, code, () -> file + " does not compile:\n" + errors);
        String main = source.replace(".java", ".class");
        assertTrue(Files.isRegularFile(out.resolve(main)), "javac wrote no " + main);
    }
}
