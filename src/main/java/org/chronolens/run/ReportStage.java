package org.chronolens.run;

import java.util.List;
import java.util.Map;

import org.chronolens.io.RunLayout.Output;
import org.chronolens.report.ReportJob;

/** The HTML report, rendered last: it reads what every other stage wrote. */
final class ReportStage implements ScanStage {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public boolean wanted(ScanRequest request) {
        return request.rendersReport();
    }

    @Override
    public List<Output> reads() {
        return List.of(Output.FLAGS, Output.SUBJECTS, Output.EVENTS, Output.DATA_QUALITY);
    }

    @Override
    public List<Output> writes() {
        return List.of(Output.REPORT, Output.REPORT_INDEX, Output.REPORT_PAGES);
    }

    @Override
    public StageReport run(ScanContext c) {
        ReportJob.Result rendered = new ReportJob(c.spark(), c.request().rules().entries())
                .render(c.out().workingRoot(), c.request().report(), java.util.Optional.ofNullable(c.request().previousRun()));
        c.clock().stage(name(), rendered.pages(), "pages");
        return new StageReport(name(), Map.of("children_pages_copied", rendered.children().copied()), writes(),
                c.request().previousRun() == null ? List.of() : List.of(ReportJob.copiedLine(rendered.children())));
    }
}
