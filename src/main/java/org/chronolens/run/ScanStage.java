package org.chronolens.run;

import java.util.List;

import org.chronolens.io.RunLayout.Output;

/**
 * One optional part of a scan after the rules, in the spirit of a Spark ML pipeline's stage: it
 * says whether a request wants it, which outputs of the run it reads and which it writes (by their
 * {@link org.chronolens.io.RunLayout} names, checked before any job runs: a stage reads only what
 * the rules or an earlier stage wrote), then runs in the run's staging folder and reports its part
 * of the manifest and of the console's summary. Adding a stage is one class and one line in
 * {@link ScanJob#STAGES}.
 */
interface ScanStage {

    /** The name of its stage line and its entry in the manifest's seconds. */
    String name();

    boolean wanted(ScanRequest request);

    /** The outputs of this run it reads back. */
    List<Output> reads();

    /** The outputs it writes. */
    List<Output> writes();

    /**
     * Checks what it needs from outside the run (a file it reads) before validation reads anything,
     * so that a bad file costs nothing; by default nothing to check.
     */
    default void check(ScanContext context) {
    }

    /** Runs the stage; what it reports goes into the manifest and the summary. */
    StageReport run(ScanContext context);
}
