package org.chronolens.run;

import java.util.List;
import java.util.Map;

import org.chronolens.io.RunLayout.Output;

/**
 * What one stage of a scan did: its entries in the manifest (in order), the outputs it wrote and
 * the lines it adds to the console's summary.
 */
public record StageReport(String stage, Map<String, Object> manifest, List<Output> wrote, List<String> summary) {

    public StageReport {
        manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
        wrote = List.copyOf(wrote);
        summary = List.copyOf(summary);
    }
}
