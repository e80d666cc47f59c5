package org.chronolens.run;

import java.time.Duration;

/** Times consecutive stages: each stage runs from the end of the previous one, so the lines add up to the run. */
public final class StageClock {

    private final Stages stages;
    private long mark = System.nanoTime();

    public StageClock(Stages stages) {
        this.stages = stages;
    }

    public void stage(String name, long count, String unit) {
        long now = System.nanoTime();
        stages.finished(name, count, unit, Duration.ofNanos(now - mark));
        mark = now;
    }
}
