package org.chronolens.util;

import java.time.Duration;

/** Told when each stage of a job ends, with what it handled (rows, files); the CLI prints one line per stage. */
@FunctionalInterface
public interface Stages {

    void finished(String stage, long count, String unit, Duration took);

    Stages NONE = (stage, count, unit, took) -> { };
}
