package org.chronolens.run;

import java.util.List;
import java.util.Map;

import org.chronolens.discover.DiscoverJob;
import org.chronolens.io.RunLayout.Output;

/** Pattern discovery inside the run, so that the run appears with its Patterns page or not at all. */
final class DiscoveryStage implements ScanStage {

    @Override
    public String name() {
        return "discovery";
    }

    @Override
    public boolean wanted(ScanRequest request) {
        return request.discovers();
    }

    @Override
    public List<Output> reads() {
        return List.of(Output.EVENTS, Output.SUBJECTS);
    }

    @Override
    public List<Output> writes() {
        return List.of(Output.DISCOVERY);
    }

    @Override
    public StageReport run(ScanContext c) {
        DiscoverJob.Result found = new DiscoverJob(c.spark(), c.stages()).writeInto(c.out().workingRoot(),
                c.out().root(), c.staged(Output.EVENTS), c.staged(Output.SUBJECTS), c.request().discovery(),
                c.request().cohorts(), c.clock().part());
        return new StageReport(name(), Map.of("discovery", c.request().discovery()), writes(), found.summary());
    }
}
