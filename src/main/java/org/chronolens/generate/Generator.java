package org.chronolens.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a synthetic multi-agency chronology of {@code cases} families with its ground truth.
 * Case {@code i} is drawn from its own random stream derived from the seed and {@code i}, so the
 * output is the same for the same seed and settings, and memory holds one family at a time.
 */
public final class Generator {

    /** Generator settings; {@code end} is the last date any event may carry. */
    public record Settings(int cases, long seed, LocalDate end, boolean splitByAgency) {
        public Settings {
            if (cases < 1) {
                throw new IllegalArgumentException("--cases must be at least 1, got " + cases);
            }
        }
    }

    /** What was written. */
    public record Summary(long cases, long subjects, long events, Path chronology, Path groundTruth) {
    }

    public static final LocalDate DEFAULT_END = LocalDate.of(2026, 10, 31);

    private final Settings settings;

    public Generator(Settings settings) {
        this.settings = settings;
    }

    public Summary write(Path out) throws IOException {
        long subjects = 0;
        long events = 0;
        int width = Math.max(6, String.valueOf(settings.cases()).length());
        try (ChronologyWriter writer = new ChronologyWriter(out, settings.splitByAgency())) {
            for (int i = 1; i <= settings.cases(); i++) {
                String caseId = "C" + String.format(java.util.Locale.ROOT, "%0" + width + "d", i);
                SplittableRandom rnd = new SplittableRandom(mix(settings.seed(), i));
                FamilyGenerator.Family family = new FamilyGenerator(rnd, caseId, settings.end()).generate();
                writer.write(family);
                events += family.events().size();
                subjects += family.truths().stream().filter(t -> t.subjectId() != null).count();
            }
        }
        return new Summary(settings.cases(), subjects, events, ChronologyWriter.chronologyPath(out),
                ChronologyWriter.groundTruthPath(out));
    }

    /** SplitMix64's finaliser over seed and case number: neighbouring cases get unrelated streams. */
    static long mix(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
