package org.chronolens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.chronolens.check.PiiPolicy;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.report.Prompts;
import org.chronolens.run.ScanJob;
import org.chronolens.run.ScanRequest;
import org.chronolens.run.ValidateJob;
import org.chronolens.util.Stages;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The scan of the committed sample data, as of 2026-10-31, with its report and its flag rates by
 * cohort (as the README's command makes them): run once for the whole
 * test run and given to every test that asks for a {@link Run}. Tests read it and never change it;
 * one that writes into a run (discovery, acknowledgements) copies it first ({@link Run#copyTo}).
 */
public final class SampleRun implements ParameterResolver, BeforeAllCallback {

    public static final java.time.LocalDate AS_OF = java.time.LocalDate.of(2026, 10, 31);

    /** The committed run and what the scan reported. */
    public record Run(Path folder, ScanJob.Result result) {
        /** A copy of the run that a test may change. */
        public Path copyTo(Path target) {
            return TestFiles.copyTree(folder, target);
        }
    }

    private static final String KEY = "chronolens.sample-run";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Run.class;
    }

    /**
     * Scans the sample before the class's first test, if no class has yet: the scan is the suite's
     * fixture, and its half a minute belongs to no single test's time.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        holder(context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return holder(context).run;
    }

    private static Holder holder(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Holder(context), Holder.class);
    }

    /** Removed by JUnit with the root context, after the last test. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Path dir;
        final Run run;

        Holder(ExtensionContext context) {
            try {
                dir = Files.createTempDirectory("chronolens-sample-run");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path folder = dir.resolve("run");
            ScanJob.Result result = new ScanJob(SparkExtension.session(context), Stages.NONE).run(ScanRequest.of(
                    new ValidateJob.Options(List.of("sample-data/chronology"), AS_OF, folder.toString(), false,
                            ColumnMapping.identity(), PiiPolicy.REDACT, 0.05), Catalogue.standard().defaults())
                    .withReport(Prompts.defaults()).withCohorts("sample-data/cohorts.csv", 10));
            run = new Run(folder, result);
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
