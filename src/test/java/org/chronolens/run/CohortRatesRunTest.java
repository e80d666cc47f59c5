package org.chronolens.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.*;

/** A scan given cohort attributes: the rates by group, and the attributes nowhere else. */
@ExtendWith(SparkExtension.class)
class CohortRatesRunTest {

    @TempDir
    Path dir;

    /** Twenty-four children; the twelve of "zeta-band" miss three appointments each, the others attend. */
    private Path chronology() {
        List<String> rows = new ArrayList<>(List.of(TestFiles.HEADER));
        for (int i = 1; i <= 24; i++) {
            String outcome = i <= 12 ? "was_not_brought" : "attended";
            for (int k = 1; k <= 3; k++) {
                rows.add("F" + i + ",K" + i + ",E" + i + "-" + k + ",2026-0" + (k + 2) + "-10,health,appointment," + outcome
                        + ",,,,");
            }
        }
        return TestFiles.csv(dir.resolve("in"), "health.csv", rows.toArray(String[]::new));
    }

    private Path cohorts(String header) {
        List<String> rows = new ArrayList<>(List.of(header));
        for (int i = 1; i <= 24; i++) {
            rows.add("K" + i + "," + (i <= 12 ? "zeta-band" : "eta-band") + "," + (i <= 20 ? "northside" : "tinyville"));
        }
        return TestFiles.csv(dir, "cohorts.csv", rows.toArray(String[]::new));
    }

    @Test
    void ratesByGroupAreWrittenWithSmallGroupsSuppressedAndTheAttributesAppearNowhereElse() throws Exception {
        Path out = dir.resolve("out");
        Cli.Outcome r = Cli.run("scan", "--input", chronology().getParent().toString(), "--as-of", "2026-10-31", "--out",
                out.toString(), "--cohorts", cohorts("subject_id,age_band,locality").toString());
        assertEquals(ExitCode.OK.code(), r.code(), r.all());
        List<String> rates = Files.readAllLines(out.resolve("flag-rates-by-cohort.csv"));
        assertTrue(rates.contains("age_band,zeta-band,any,12,12,1.0000,0.7575,1.0000,2.0000,false"), String.join("\n", rates));
        assertTrue(rates.contains("age_band,eta-band,any,12,0,0.0000,0.0000,0.2425,0.0000,false"));
        assertTrue(rates.contains("locality,tinyville,any,,,,,,,true"), "4 children: suppressed");
        assertTrue(rates.contains("locality,northside,any,,,,,,,true"), "and 24 - northside would give it away");
        assertTrue(rates.stream().anyMatch(l -> l.startsWith("age_band,zeta-band,missed-appointments,12,12,")));
        String page = TestFiles.read(out.resolve("report/cohorts.html"));
        assertTrue(page.contains("By age_band") && page.contains("suppressed: too few children to show"), page);
        assertTrue(TestFiles.read(out.resolve("report/run-details.html")).contains("<a href=\"cohorts.html\">"));

        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(f).toString();
                if (name.equals("flag-rates-by-cohort.csv") || name.equals("report/cohorts.html")) {
                    continue;
                }
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("zeta-band") || text.contains("northside"), name + " carries an attribute");
            }
        }
    }

    @Test
    void aCohortsFileWithAnIdentifierColumnIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("out");
        Cli.Outcome r = Cli.run("scan", "--input", chronology().getParent().toString(), "--as-of", "2026-10-31", "--out",
                out.toString(), "--cohorts", cohorts("subject_id,date_of_birth,locality").toString());
        assertEquals(ExitCode.INPUT_REFUSED.code(), r.code(), r.all());
        assertTrue(r.err().contains("column 'date_of_birth' looks like an identifier"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing written");
    }
}
