package org.chronolens.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.chronolens.config.YamlNode;
import org.chronolens.monitor.Monitoring;
import org.chronolens.run.ScanOption;
import org.chronolens.run.ScanOptions;
import org.chronolens.run.ScanSettings;

/**
 * The job-definition front end of the {@link ScanOptions}: a scan job's keys are the options'
 * job keys plus the job's own ({@link #OWN_KEYS}), each value read through the same declaration as
 * its flag, every problem reported at its file and line.
 */
final class JobFile {

    /** The keys a scan job has that no scan option has: where its runs go, and what it is. */
    static final Set<String> OWN_KEYS = Set.of("description", "command", "output_root");

    private JobFile() {
    }

    /** Every top-level key a scan job may hold. */
    static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(OWN_KEYS);
        ScanOptions.ALL.stream().map(ScanOption::jobKey).filter(java.util.Objects::nonNull)
                .map(k -> k.contains(".") ? k.substring(0, k.indexOf('.')) : k).forEach(keys::add);
        return keys;
    }

    /** The scan options a job gives, read from its top-level entries. */
    static ScanSettings settings(Map<String, YamlNode> job) {
        ScanSettings settings = ScanSettings.none();
        for (ScanOption<?> o : ScanOptions.ALL) {
            YamlNode n = o.jobKey() == null ? null : find(job, o.jobKey());
            if (n == null) {
                continue;
            }
            if (o == ScanOptions.DISCOVER && n.isScalar() && !bool(n.scalar())) {
                // Older job files name their discovery settings here: discover: FILE.
                settings = set(settings, ScanOptions.DISCOVERY_CONFIG, n, n.scalar());
                continue;
            }
            settings = set(settings, o, n, switch (o.kind()) {
                case SWITCH -> switchValue(n);
                case VALUE -> n.scalar();
                case LIST -> n.items().stream().map(YamlNode::scalar).toList();
                case MAP -> map(o, n);
            });
        }
        return settings;
    }

    private static ScanSettings set(ScanSettings settings, ScanOption<?> o, YamlNode n, Object raw) {
        try {
            return settings.with(o, raw);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static YamlNode find(Map<String, YamlNode> job, String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return job.get(key);
        }
        YamlNode parent = job.get(key.substring(0, dot));
        // A job's mapping under a key (monitoring:) holds settings of its own besides the options.
        return parent == null ? null : parent.entries(Monitoring.KEYS).get(key.substring(dot + 1));
    }

    private static boolean bool(String text) {
        return text.strip().equals("true") || text.strip().equals("false");
    }

    private static Boolean switchValue(YamlNode n) {
        String v = n.scalar().strip();
        if (!bool(v)) {
            throw n.error("'" + v + "' is not true or false");
        }
        return v.equals("true");
    }

    /** Each entry checked on its own, so that a bad one is reported at its own line. */
    private static Map<String, String> map(ScanOption<?> o, YamlNode n) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.entries(Set.of()).entrySet()) {
            set(ScanSettings.none(), o, e.getValue(), Map.of(e.getKey(), e.getValue().scalar()));
            all.put(e.getKey(), e.getValue().scalar());
        }
        return all;
    }
}
