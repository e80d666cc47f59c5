package org.chronolens;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A class of the application in a JVM of its own, as the launcher starts it, with this JVM's options and class path. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * A process running {@code chronolens ARGS}; {@code heap} replaces this JVM's -Xmx when not null,
     * {@code umask} (e.g. "022") runs it under that umask when not null.
     */
    public static ProcessBuilder chronolens(String heap, String umask, String... args) {
        return java("org.chronolens.cli.Main", heap, umask, args);
    }

    /** A process running {@code mainClass ARGS}, with heap and umask as for {@link #chronolens}. */
    public static ProcessBuilder java(String mainClass, String heap, String umask, String... args) {
        List<String> command = new ArrayList<>();
        if (umask != null) {
            command.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("-Dio.netty")
                        || a.startsWith("--sun-misc") || a.startsWith("--enable-native") || a.startsWith("-Ddev.ludovic")
                        || (heap == null && a.startsWith("-Xmx")))
                .forEach(command::add);
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb;
    }

    /** The same process with {@code tmp} as its JVM's temporary folder ({@code java.io.tmpdir}). */
    public static ProcessBuilder withTmpdir(ProcessBuilder pb, Path tmp) {
        List<String> command = new ArrayList<>(pb.command());
        int java = command.indexOf(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(java + 1, "-Djava.io.tmpdir=" + tmp);
        return pb.command(command);
    }

    public static Process start(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
