package org.chronolens.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.StructField;
import org.chronolens.ingest.CheckedRows;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * A key for the pages of each flagged case: it changes whenever anything its children's pages show
 * could change, so that a later run can copy the pages of a case whose key it shares instead of
 * rendering them again.
 *
 * <p>What a case's pages show comes from three places: the case's rows (its events with their
 * notes but not the file and line they were read from, its flags with what is new and their review trail, its children and their denominators),
 * digested here on the executors; and what every page of the run shares (the code that renders
 * them, the prompts, the rules' titles and parameters, the columns), digested once on the driver as
 * the <em>context</em>. The run's as-of date is not part of either: the pages link to the run's
 * style sheet for it.
 *
 * <p>A case's rows are digested in any order: the exclusive or of a 64-bit hash of each row (rows
 * are distinct: each event, flag and child appears once), with the count of rows. Each value is
 * hashed after a flag saying whether it is null, because Spark's hash of a row skips nulls, which
 * would make {@code (null, "x")} and {@code ("x", null)} the same; nested values (a flag's review
 * trail) are hashed as their JSON.
 */
final class PageKeys {

    /** The key's column. */
    static final String KEY = "page_key";
    /** The case's flagged children, in order: the pages a copy of the case's folder must hold. */
    static final String CHILDREN = "children";

    private PageKeys() {
    }

    /**
     * One row per case of {@code cases}: {@value Columns#CASE_ID}, {@value #KEY} and
     * {@value #CHILDREN}.
     */
    static Dataset<Row> of(Dataset<Row> flags, Dataset<Row> subjects, Dataset<Row> events, Dataset<Row> cases,
                           String context) {
        // Where an event was read from (its file and line) is not on any page, and a new week's
        // extract in a new folder would otherwise change every key.
        Dataset<Row> e = digest(events.drop(CheckedRows.SOURCE_FILE, CheckedRows.LINE).join(broadcast(cases), Columns.CASE_ID), "e");
        Dataset<Row> f = digest(flags.join(broadcast(cases), Columns.CASE_ID), "f");
        Dataset<Row> s = subjects.join(broadcast(cases), Columns.CASE_ID).groupBy(Columns.CASE_ID)
                .agg(bit_xor(rowHash(subjects)).as("s_x"), count(lit(1)).as("s_n"),
                        sort_array(collect_list(when(col("flags").gt(0), col(Columns.SUBJECT_ID)))).as(CHILDREN));
        return e.join(f, Columns.CASE_ID).join(s, Columns.CASE_ID)
                .select(col(Columns.CASE_ID), sha2(concat_ws("|", lit(context), col("e_x"), col("e_n"), col("f_x"),
                        col("f_n"), col("s_x"), col("s_n")), 256).as(KEY), col(CHILDREN));
    }

    private static Dataset<Row> digest(Dataset<Row> rows, String prefix) {
        return rows.groupBy(Columns.CASE_ID).agg(bit_xor(rowHash(rows)).as(prefix + "_x"), count(lit(1)).as(prefix + "_n"));
    }

    /** A 64-bit hash of a whole row, every value after whether it is null. */
    private static Column rowHash(Dataset<Row> rows) {
        List<Column> parts = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            Column c = col(field.name());
            parts.add(c.isNull());
            parts.add(field.dataType() instanceof AtomicType ? c : to_json(c));
        }
        return xxhash64(parts.toArray(Column[]::new));
    }

    /**
     * What every page of a run shares, as one hex digest: the code that renders the pages, and the
     * given parts (the prompts, the rules' titles and parameters, the inputs' columns).
     */
    static String context(String code, List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(code.getBytes(StandardCharsets.UTF_8));
            for (String p : parts) {
                sha.update((byte) 0);
                sha.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
