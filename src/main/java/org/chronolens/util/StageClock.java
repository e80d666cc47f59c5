package org.chronolens.util;

import java.time.Duration;

/** Times consecutive stages: each stage runs from the end of the previous one, so the lines add up to the run. */
public final class StageClock {

    private final Stages stages;
    private final StageClock parent;
    private final java.util.Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    private long mark = System.nanoTime();

    public StageClock(Stages stages) {
        this(stages, null);
    }

    private StageClock(Stages stages, StageClock parent) {
        this.stages = stages;
        this.parent = parent;
    }

    /**
     * A clock for a part of the run that keeps its own record (discovery's, in its own file), whose
     * stages also count in this clock's.
     */
    public StageClock part() {
        StageClock part = new StageClock(stages, this);
        part.mark = mark;
        return part;
    }

    public void stage(String name, long count, String unit) {
        long now = System.nanoTime();
        stages.finished(name, count, unit, Duration.ofNanos(now - mark));
        seconds.merge(name, (now - mark) / 1e9, Double::sum);
        mark = now;
        if (parent != null) {
            parent.seconds.merge(name, (now - parent.mark) / 1e9, Double::sum);
            parent.mark = now;
        }
    }

    /** Seconds per stage so far, in order: for the run's manifest. */
    public java.util.Map<String, Double> seconds() {
        return java.util.Collections.unmodifiableMap(seconds);
    }
}
