package org.chronolens.run;

import org.chronolens.detect.RuleSet;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.report.Prompts;
import org.chronolens.review.Acknowledgements;

/**
 * Everything one scan is asked to do, in one immutable value: validate these inputs, run these
 * rules, and optionally render the report, compare with a previous run, apply reviewers'
 * acknowledgements and run pattern discovery. Built from {@link #of} with the defaults (no report,
 * no comparison, no acknowledgements, no discovery) and changed one feature at a time.
 */
public record ScanRequest(ValidateJob.Options validation, RuleSet rules, Prompts report, String previousRun,
                          Acknowledgements acknowledgements, DiscoveryParams discovery, String cohorts,
                          int cohortMinChildren) {

    public ScanRequest {
        if (validation == null || rules == null || acknowledgements == null) {
            throw new IllegalArgumentException("a scan needs its inputs, its rules and its acknowledgements (none: "
                    + "Acknowledgements.none())");
        }
    }

    public static ScanRequest of(ValidateJob.Options validation, RuleSet rules) {
        return new ScanRequest(validation, rules, null, null, Acknowledgements.none(), null, null,
                org.chronolens.monitor.CohortRates.MIN_CHILDREN);
    }

    /** Render the report with these prompts. */
    public ScanRequest withReport(Prompts prompts) {
        return new ScanRequest(validation, rules, prompts, previousRun, acknowledgements, discovery, cohorts,
                cohortMinChildren);
    }

    /** Mark each flag new, continuing or resolved against this earlier run (null: no earlier run). */
    public ScanRequest comparedWith(String run) {
        return new ScanRequest(validation, rules, report, run, acknowledgements, discovery, cohorts, cohortMinChildren);
    }

    public ScanRequest withAcknowledgements(Acknowledgements acks) {
        return new ScanRequest(validation, rules, report, previousRun, acks, discovery, cohorts, cohortMinChildren);
    }

    /** Run pattern discovery with these settings, inside the run (its Patterns page filled). */
    public ScanRequest withDiscovery(DiscoveryParams params) {
        return new ScanRequest(validation, rules, report, previousRun, acknowledgements, params, cohorts,
                cohortMinChildren);
    }

    /** Write flag rates by the cohorts of this file (null: none), cells under {@code minChildren} suppressed. */
    public ScanRequest withCohorts(String file, int minChildren) {
        return new ScanRequest(validation, rules, report, previousRun, acknowledgements, discovery, file, minChildren);
    }

    public boolean rendersReport() {
        return report != null;
    }

    public boolean discovers() {
        return discovery != null;
    }
}
