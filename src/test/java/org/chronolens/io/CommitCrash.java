package org.chronolens.io;

import org.apache.hadoop.conf.Configuration;

/**
 * A run that dies at one step of its commit, as a kill -9 would stop it: {@code Runtime.halt}, so
 * nothing is cleaned up and no shutdown hook runs. Started in a JVM of its own by
 * {@link OutputFolderTest}: {@code CommitCrash DIR STEP CONTENT}.
 */
public final class CommitCrash {

    private CommitCrash() {
    }

    public static void main(String[] args) {
        String dir = args[0];
        String step = args[1];
        OutputFolder out = OutputFolder.claim(dir, true, OutputFolderTest.hadoop()).create();
        out.writeText("content.txt", args[2]);
        out.commit("{\"command\": \"validate\"}", true, s -> {
            if (s.equals(step)) {
                Runtime.getRuntime().halt(137);
            }
        });
        System.exit(0);
    }
}
