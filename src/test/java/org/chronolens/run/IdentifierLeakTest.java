package org.chronolens.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.check.IdentifierCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every identifier shape of the corpus, put where identifiers slip through (notes, the outcome of
 * an `other` event, ids, a quarantined row, a malformed row, the file name), appears in no output
 * file, no Parquet value, no page, no file name and no line the commands print.
 */
@ExtendWith(SparkExtension.class)
class IdentifierLeakTest {

    @TempDir
    Path dir;

    /**
     * A flagged child whose every appointment note and every `other` outcome holds one identifier
     * shape, and whose other notes are the ordinary text of the corpus, some in other languages.
     */
    private Path chronology() {
        List<String> rows = new ArrayList<>(List.of(HEADER + ",worker_comment"));
        int day = 1;
        int n = 0;
        for (IdentifierCorpus.Shape s : IdentifierCorpus.POSITIVE) {
            String date = String.format(Locale.ROOT, "2026-%02d-%02d", 1 + (day / 28) % 9, 1 + day % 28);
            rows.add("F1,C1,E" + (++n) + "," + date + ",health,appointment,was_not_brought,,,,\"" + s.text() + "\",\""
                    + s.text() + "\"");
            rows.add("F1,C1,E" + (++n) + "," + date + ",social_care,other,\"" + s.text() + "\",,,,,");
            day += 2;
        }
        for (String text : IdentifierCorpus.NEGATIVE) {
            String date = String.format(Locale.ROOT, "2026-%02d-%02d", 1 + (day / 28) % 9, 1 + day % 28);
            rows.add("F1,C1,E" + (++n) + "," + date + ",health,appointment,attended,,,,\"" + text + "\",");
            day += 2;
        }
        rows.add("F1,9434765919,E900,2026-03-01,health,appointment,attended,,,,an NHS number as a child id,");
        rows.add("F1,C1,AB123456C,2026-03-02,health,appointment,attended,,,,an NI number as an event id,");
        rows.add("07700900123,C9,E901,2026-03-03,health,appointment,attended,,,,a phone number as a case id,");
        rows.add("F1,C1,E902,2026-02-30,health,appointment,attended,,,,\"bad date, and mum's mobile 07700 900123\",");
        rows.add("F1,C1,E903,2026-03-04,health,appointment,attended,,,,too,many,fields,SW1A 1AA,carer.one@example.org");
        rows.add("F1,C1,E904,2026-03-05,health,appointment,attended,,,,\"" + "x".repeat(4001) + " AB123456D\",");
        rows.add("F1," + FULLWIDTH_NHS_ID + ",E905,2026-03-06,health,appointment,attended,,,,a fullwidth NHS number as a child id,");
        rows.add(ZERO_WIDTH_NHS_ID + ",C1,E906,2026-03-07,health,appointment,attended,,,,an NHS number with zero-width spaces as a case id,");
        rows.add("F1,C1," + SOFT_HYPHEN_NI_ID + ",2026-03-08,health,appointment,attended,,,,an NI number with soft hyphens as an event id,");
        TestFiles.csv(dir, "in/referrals-" + FULLWIDTH_NHS_NAME + ".csv", HEADER,
                "F2,C2,E1,2026-03-01,health,appointment,attended,,,,a file whose name holds a fullwidth NHS number");
        return TestFiles.csv(dir, "in/extract-4010232137.csv", rows.toArray(String[]::new));
    }

    /** 321 654 9879, 943 476 5919, AB 65 43 21 C and 485 777 3457, disguised. */
    private static final String FULLWIDTH_NHS_ID = "\uFF13\uFF12\uFF11\uFF16\uFF15\uFF14\uFF19\uFF18\uFF17\uFF19";
    private static final String ZERO_WIDTH_NHS_ID = "943\u200B476\u200B5919";
    private static final String SOFT_HYPHEN_NI_ID = "AB\u00AD65\u00AD43\u00AD21\u00ADC";
    private static final String FULLWIDTH_NHS_NAME = "\uFF14\uFF18\uFF15\uFF17\uFF17\uFF17\uFF13\uFF14\uFF15\uFF17";

    @Test
    void noIdentifierShapeReachesAnyOutputPageFileNameOrMessage(SparkSession spark) throws Exception {
        Path in = chronology();
        Path run = dir.resolve("run");
        Cli.Outcome scan = Cli.run("scan", "--input", in.getParent().toString(), "--as-of", "2026-10-31", "--out",
                run.toString(), "--quarantine-ceiling", "0.5");
        assertEquals(ExitCode.OK.code(), scan.code(), scan.all());
        Path pack = dir.resolve("pack");
        Cli.Outcome sample = Cli.run("sample", "--run", run.toString(), "--seed", "1", "--size", "5", "--out",
                pack.toString());
        assertEquals(ExitCode.OK.code(), sample.code(), sample.all());

        String raw = unescaped(scan.all() + sample.all() + outputs(spark, run) + outputs(spark, pack));
        String everything = IdentifierCorpus.folded(raw);
        assertTrue(everything.contains("[redacted:nhs_number]") && everything.contains("[redacted:date_of_birth]"),
                "the redaction placeholders are there: the test looks where the identifiers would be");
        for (String text : IdentifierCorpus.NEGATIVE) {
            assertTrue(raw.contains(text), () -> "ordinary text comes out as it went in: " + text);
        }
        List<String> leaked = new ArrayList<>();
        for (IdentifierCorpus.Shape s : IdentifierCorpus.POSITIVE) {
            if (raw.contains(s.secret()) || everything.contains(IdentifierCorpus.folded(s.secret()))) {
                leaked.add(s.kind() + ": " + s.secret());
            }
        }
        List<String> disguised = new ArrayList<>(List.of(FULLWIDTH_NHS_ID, ZERO_WIDTH_NHS_ID, SOFT_HYPHEN_NI_ID,
                FULLWIDTH_NHS_NAME));
        IdentifierCorpus.DISGUISED.forEach(s -> disguised.add(s.secret()));
        for (String secret : disguised) {
            // As written, and (six digits or more) with a plain space for what stood between: read
            // without it, a piece may be a harmless number's ("9434765918" begins as 943 476 does).
            for (String piece : adjacentGroups(secret)) {
                String spaced = piece.replaceAll("[\\p{Cf}\\p{Z}\\s]+", " ");
                if (raw.contains(piece) || (piece.codePoints().filter(Character::isDigit).count() >= 6
                        && raw.contains(spaced))) {
                    leaked.add("a part of " + secret + ": " + piece);
                }
            }
        }
        for (String secret : List.of("9434765919", "ab123456c", "ab123456d", "07700900123", "4010232137", "sw1a1aa",
                "carer.one@example.org", "3216549879", "ab654321c", "4857773457")) {
            if (everything.contains(IdentifierCorpus.folded(secret))) {
                leaked.add(secret);
            }
        }
        assertEquals(List.of(), leaked, "identifiers found in the outputs");
        assertTrue(scan.out().contains("pii_detected 6"), "the six rows with identifier ids are quarantined: " + scan.out());
    }

    /**
     * Every two neighbouring digit groups of an identifier as it was written, with the invisible
     * character or space that stood between them: of 943, 476 and 5919 joined by zero-width spaces,
     * 943-476 and 476-5919 each with its zero-width space. A redaction that stopped at an invisible
     * character would leave such a piece behind.
     */
    private static List<String> adjacentGroups(String secret) {
        List<int[]> groups = new ArrayList<>();
        Matcher m = Pattern.compile("[^\\p{Cf}\\p{Z}\\s]+").matcher(secret);
        while (m.find()) {
            groups.add(new int[] {m.start(), m.end()});
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < groups.size(); i++) {
            String piece = secret.substring(groups.get(i)[0], groups.get(i + 1)[1]);
            if (hasDigit(secret.substring(groups.get(i)[0], groups.get(i)[1]))
                    && hasDigit(secret.substring(groups.get(i + 1)[0], groups.get(i + 1)[1]))) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    private static boolean hasDigit(String s) {
        return s.codePoints().anyMatch(Character::isDigit);
    }

    /** Every file of a folder: its name, its bytes as text, and every value of every Parquet file, decoded. */
    private static String outputs(SparkSession spark, Path root) throws Exception {
        StringBuilder b = new StringBuilder();
        List<Path> parquetFolders = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                b.append(root.relativize(p)).append('\n');
                if (Files.isRegularFile(p)) {
                    b.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
                    if (p.getFileName().toString().endsWith(".parquet") && !parquetFolders.contains(p.getParent())) {
                        parquetFolders.add(p.getParent());
                    }
                }
            }
        }
        for (Path folder : parquetFolders) {
            spark.read().parquet(folder.toString()).toJSON().collectAsList().forEach(j -> b.append(j).append('\n'));
        }
        return b.toString();
    }

    /**
     * Escapes decoded, as a reader would see them: JSON's backslash-u escapes and HTML's numeric
     * character references ({@code &#8203;}, {@code &#x200b;}) are the characters themselves.
     */
    private static String unescaped(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})|&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));").matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        while (m.find()) {
            int cp = m.group(1) != null ? Integer.parseInt(m.group(1), 16)
                    : m.group(2) != null ? Integer.parseInt(m.group(2)) : Integer.parseInt(m.group(3), 16);
            m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars(cp))));
        }
        return m.appendTail(b).toString();
    }
}
