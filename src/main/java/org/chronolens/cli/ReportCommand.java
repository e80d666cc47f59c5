package org.chronolens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.chronolens.report.Prompts;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.report.ReportJob;
import org.chronolens.util.StageClock;
import org.chronolens.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-renders the HTML report of a finished scan from its outputs, without recomputing anything.",
                "Writes RUN/report/ (replacing it): index.html, rules/, subjects/."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The folder a scan wrote (its --out).")
    private String run;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "The partnership's reflective prompts (YAML), replacing the built-in ones.")
    private Path prompts;

    @Mixin
    private SparkOptions sparkOptions;

    @Override
    public Integer call() {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        Prompts p = prompts == null ? Prompts.defaults() : Prompts.load(prompts);
        long start = System.nanoTime();
        try (Sessions.Handle session = Sessions.open("chronolens report", sparkOptions.conf())) {
            console.finished("spark", 0, "", java.time.Duration.ofNanos(System.nanoTime() - start));
            StageClock clock = new StageClock(console);
            org.apache.hadoop.conf.Configuration hadoop = session.spark().sparkContext().hadoopConfiguration();
            try (org.chronolens.io.RunLock lock = org.chronolens.io.RunLock.onRun(run, hadoop)) {
                java.util.Optional<String> earlier = org.chronolens.run.Manifest.previousRun(run, hadoop);
                ReportJob.Result r = new ReportJob(session.spark(), Catalogue.standard().entries()).render(run, p, earlier);
                org.chronolens.io.OwnerOnly.apply(run, hadoop);
                clock.stage("report", r.pages(), "pages");
                if (earlier.isPresent()) {
                    console.say(ReportJob.copiedLine(r.children()));
                }
                console.say("Report: " + r.index());
                return ExitCode.OK.code();
            }
        }
    }
}
