package org.chronolens.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What {@code jobs/run} hands to Java or to spark-submit, with both replaced by scripts that print
 * their arguments, in a copy of the project's layout whose build is up to date. Two were defects:
 * the heap was dropped when submitting through a Spark installation, and {@code --master URL --job
 * FILE} reached the application as an unknown option.
 */
class LauncherTest {

    @TempDir
    Path dir;

    /** Environment for the launcher beyond PATH, the heap and SPARK_HOME. */
    private final Map<String, String> environment = new java.util.HashMap<>();

    @BeforeEach
    void layout() throws IOException {
        Path run = Files.createDirectories(dir.resolve("jobs")).resolve("run");
        Files.copy(Path.of("jobs/run"), run);
        executable(run);
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path src = Files.createDirectories(dir.resolve("src/main"));
        Files.writeString(src.resolve("A.java"), "class A {}");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (Path p : List.of(dir.resolve("pom.xml"), src.resolve("A.java"), src)) {
            Files.setLastModifiedTime(p, old);
        }
        Files.createDirectories(dir.resolve("target/launcher"));
        Files.writeString(dir.resolve("target/chronolens.jar"), "jar");
        Files.writeString(dir.resolve("target/classpath.txt"), "/deps.jar");
        Files.writeString(dir.resolve("target/launcher/jvm-options.txt"), "-Dmodules=spark");
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("spark/bin"));
        script(dir.resolve("bin/java"), "java");
        script(dir.resolve("spark/bin/spark-submit"), "spark-submit");
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private static void script(Path p, String name) throws IOException {
        Files.writeString(p, "#!/bin/sh\nfor a in \"$@\"; do echo \"" + name + " $a\"; done\n");
        executable(p);
    }

    /** The arguments the launcher passed, one per line, each prefixed with the program that got it. */
    private List<String> launch(boolean sparkHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(dir.resolve("jobs/run").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":" + env.get("PATH"));
        env.put("CHRONOLENS_JAVA_OPTS", "-Xmx3g -XX:+UseParallelGC");
        env.putAll(environment);
        if (sparkHome) {
            env.put("SPARK_HOME", dir.resolve("spark").toString());
        } else {
            env.remove("SPARK_HOME");
        }
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.exitValue(), String.join("\n", out));
        return out;
    }

    @Test
    void aSubmissionThroughASparkInstallationKeepsTheDriversHeap() throws Exception {
        List<String> args = launch(true, "--master", "spark://host:7077", "scan", "--input", "x");
        assertTrue(args.contains("spark-submit --driver-memory") && args.contains("spark-submit 3g"), args.toString());
        assertTrue(args.contains("spark-submit -Dmodules=spark -XX:+UseParallelGC"), "the rest as java options: " + args);
        assertEquals(List.of("spark-submit scan", "spark-submit --input", "spark-submit x"),
                args.subList(args.size() - 3, args.size()));
    }

    @Test
    void optionsForSparkSubmitItselfComeBeforeTheApplication() throws Exception {
        environment.put("CHRONOLENS_SUBMIT_OPTS", "--deploy-mode cluster --files /etc/chronolens/weekly.yaml");
        List<String> args = launch(true, "--master", "yarn", "job", "weekly.yaml");
        int mode = args.indexOf("spark-submit --deploy-mode");
        int jar = args.indexOf("spark-submit " + dir.resolve("target/chronolens.jar"));
        assertTrue(mode >= 0 && mode < jar, "before the jar: " + args);
        assertEquals(List.of("spark-submit cluster", "spark-submit --files", "spark-submit /etc/chronolens/weekly.yaml"),
                args.subList(mode + 1, mode + 4));
        assertEquals(List.of("spark-submit job", "spark-submit weekly.yaml"), args.subList(args.size() - 2, args.size()));
    }

    @Test
    void aJobDefinitionCanBeSubmittedToACluster() throws Exception {
        List<String> args = launch(true, "--master", "spark://host:7077", "--job", "jobs/weekly.yaml");
        assertEquals(List.of("spark-submit org.chronolens.cli.Main", "spark-submit " + dir.resolve("target/chronolens.jar"),
                "spark-submit job", "spark-submit jobs/weekly.yaml"), args.subList(args.size() - 4, args.size()));
    }

    @Test
    void aLocalMasterReachesEveryCommandJobsIncluded() throws Exception {
        List<String> args = launch(false, "--master", "local[2]", "--job", "jobs/weekly.yaml");
        assertTrue(args.contains("java -Dspark.master=local[2]"), args.toString());
        assertEquals(List.of("java org.chronolens.cli.Main", "java job", "java jobs/weekly.yaml"),
                args.subList(args.size() - 3, args.size()));
    }

    /** A java of the given feature version, which makes the cache file a "create" step names. */
    private void javaOf(String version) throws IOException {
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(dir.resolve("bin/java"), """
                #!/bin/sh
                mode=""
                for a in "$@"; do
                  echo "java $a"
                  case "$a" in
                    -XX:AOTMode=create) mode=create ;;
                    -XX:AOTCache=*) [ "$mode" = create ] && touch "${a#-XX:AOTCache=}" ;;
                  esac
                done
                """);
    }

    @Test
    void onJava25TheFirstRunTrainsTheStartUpCacheOnceAndEveryRunUsesIt() throws Exception {
        javaOf("25.0.3");
        List<String> first = launch(false, "scan", "--input", "x");
        assertTrue(first.stream().anyMatch(l -> l.startsWith("[build] training the start-up cache")), first.toString());
        List<String> cache = first.stream().filter(l -> l.startsWith("java -XX:AOTCache=")).toList();
        assertEquals(1, cache.size(), "the run itself gets the cache: " + first);
        assertTrue(cache.get(0).startsWith("java -XX:AOTCache=" + dir.resolve("target/launcher/aot-")), cache.get(0));

        List<String> second = launch(false, "scan", "--input", "x");
        assertTrue(second.stream().noneMatch(l -> l.contains("training")), "trained once: " + second);
        assertTrue(second.contains(cache.get(0)), second.toString());
        assertTrue(second.contains("java -Xlog:aot*=off"), "a stale cache is not reported to the user: " + second);
    }

    @Test
    void aJarRebuiltByHandGetsACacheOfItsOwnAndTheOldOneGoes() throws Exception {
        javaOf("25.0.3");
        String first = launch(false, "--version").stream().filter(l -> l.startsWith("java -XX:AOTCache=")).findFirst()
                .orElseThrow();
        Files.writeString(dir.resolve("target/chronolens.jar"), "a jar Maven built again, without jobs/run");
        List<String> again = launch(false, "--version");
        assertTrue(again.stream().anyMatch(l -> l.startsWith("[build] training")), "trained for the new jar: " + again);
        String second = again.stream().filter(l -> l.startsWith("java -XX:AOTCache=")).findFirst().orElseThrow();
        assertNotEquals(first, second);
        assertFalse(Files.exists(Path.of(first.substring("java -XX:AOTCache=".length()))), "the stale cache is removed");
        assertTrue(Files.exists(Path.of(second.substring("java -XX:AOTCache=".length()))));
    }

    @Test
    void onJava17NothingIsTrainedAndNoCacheIsPassed() throws Exception {
        javaOf("17.0.15");
        List<String> args = launch(false, "scan", "--input", "x");
        assertTrue(args.stream().noneMatch(l -> l.contains("AOT") || l.contains("training")), args.toString());
    }

    @Test
    void withoutASparkInstallationTheSubmitterRunsAsTheDriverWithTheHeap() throws Exception {
        List<String> args = launch(false, "--master", "spark://host:7077", "scan");
        assertTrue(args.contains("java -Xmx3g") && args.contains("java org.apache.spark.deploy.SparkSubmit"),
                args.toString());
    }
}
