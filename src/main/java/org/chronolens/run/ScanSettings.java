package org.chronolens.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.chronolens.detect.RuleConfig;
import org.chronolens.detect.RuleSet;
import org.chronolens.detect.rules.Catalogue;
import org.chronolens.discover.DiscoveryParams;
import org.chronolens.ingest.ColumnMapping;
import org.chronolens.io.HadoopConf;
import org.chronolens.monitor.Monitoring;
import org.chronolens.report.Prompts;
import org.chronolens.review.Acknowledgements;

import static org.chronolens.run.ScanOptions.*;

/**
 * The values one front end read for the {@link ScanOptions}, typed; an option not given has its
 * default. This is the one place that turns them into what the jobs take ({@link #validation()}
 * and {@link #request}), so a command line and a job definition with the same values make the
 * same request and protect the same files.
 */
public final class ScanSettings {

    private final Map<ScanOption<?>, Object> values;

    private ScanSettings(Map<ScanOption<?>, Object> values) {
        this.values = values;
    }

    public static ScanSettings none() {
        return new ScanSettings(Map.of());
    }

    /** These settings with {@code option} set to what its text (or list, map, switch) reads as. */
    public ScanSettings with(ScanOption<?> option, Object raw) {
        Map<ScanOption<?>, Object> next = new LinkedHashMap<>(values);
        next.put(option, option.parse(raw));
        return new ScanSettings(java.util.Collections.unmodifiableMap(next));
    }

    public boolean has(ScanOption<?> option) {
        return values.containsKey(option);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ScanOption<T> option) {
        return values.containsKey(option) ? (T) values.get(option) : option.defaultValue();
    }

    /** Every file and folder the run reads besides its inputs: no output may replace one. */
    public List<String> reads() {
        List<String> files = new ArrayList<>();
        for (ScanOption<?> o : ScanOptions.ALL) {
            if (o.readsFile() && values.get(o) instanceof String path) {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    /** What validation is asked to do; the mapping file is read and checked here. */
    public ValidateJob.Options validation() {
        String mapping = get(MAPPING);
        return new ValidateJob.Options(get(INPUTS), get(AS_OF), get(OUT), get(OVERWRITE),
                mapping == null ? ColumnMapping.identity() : ColumnMapping.load(Path.of(mapping)),
                get(PII_POLICY), get(QUARANTINE_CEILING))
                .withNumericPseudonyms(get(NUMERIC_PSEUDONYMS))
                .withMonitoring(Monitoring.off().withHistory(get(HISTORY)).withPolicy(get(ANOMALY_POLICY)))
                .alsoReading(reads().toArray(String[]::new));
    }

    /**
     * What the scan is asked to do, every file it names read and checked now, before anything runs;
     * {@code warnings} hears what the run will do differently from what a file seems to ask.
     */
    public ScanRequest request(ValidateJob.Options validation, Consumer<String> warnings) {
        RuleSet rules = Catalogue.standard().build(has(CONFIG) ? RuleConfig.load(Path.of(get(CONFIG)))
                : RuleConfig.defaults());
        ScanRequest request = ScanRequest.of(validation, rules)
                .withAcknowledgements(has(ACKNOWLEDGEMENTS)
                        // Beside the runs, perhaps on HDFS: read with the run's spark.hadoop.* settings.
                        ? Acknowledgements.load(get(ACKNOWLEDGEMENTS), HadoopConf.of(get(SPARK)))
                        : Acknowledgements.none())
                .withDiscovery(has(DISCOVERY_CONFIG) ? DiscoveryParams.load(Path.of(get(DISCOVERY_CONFIG)))
                        : get(DISCOVER) ? DiscoveryParams.DEFAULTS : null)
                .withCohorts(get(COHORTS), get(COHORT_MIN_CHILDREN));
        if (!get(REPORT)) {
            return request;
        }
        Prompts prompts = has(PROMPTS) ? Prompts.load(Path.of(get(PROMPTS))) : Prompts.defaults();
        prompts.builtInSections().forEach(k -> warnings.accept(get(PROMPTS) + " gives no prompts for '" + k
                + "'; the built-in ones are shown"));
        return request.withReport(prompts);
    }
}
