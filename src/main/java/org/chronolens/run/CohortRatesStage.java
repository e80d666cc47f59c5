package org.chronolens.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chronolens.io.RunLayout.Output;
import org.chronolens.monitor.CohortRates;
import org.chronolens.monitor.Cohorts;

/** Flag rates by the cohorts of a file the request names (small cells suppressed). */
final class CohortRatesStage implements ScanStage {

    private Cohorts cohorts;

    @Override
    public String name() {
        return "cohorts";
    }

    @Override
    public boolean wanted(ScanRequest request) {
        return request.cohorts() != null;
    }

    @Override
    public List<Output> reads() {
        return List.of(Output.SUBJECTS, Output.FLAGS);
    }

    @Override
    public List<Output> writes() {
        return List.of(Output.COHORT_RATES_CSV);
    }

    @Override
    public void check(ScanContext c) {
        cohorts = Cohorts.load(c.spark(), c.request().cohorts(), c.request().cohortMinChildren());
    }

    @Override
    public StageReport run(ScanContext c) {
        c.out().writeText(Output.COHORT_RATES_CSV.file(), CohortRates.csv(cohorts.rates(c.staged(Output.SUBJECTS),
                c.staged(Output.FLAGS), c.findings().childrenByRule())));
        c.clock().stage(name(), 0, "");
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("cohorts", c.request().cohorts());
        manifest.put("cohort_min_children", c.request().cohortMinChildren());
        return new StageReport(name(), manifest, writes(), List.of());
    }
}
