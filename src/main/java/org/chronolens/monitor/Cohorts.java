package org.chronolens.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.chronolens.ingest.IdentifierColumns;
import org.chronolens.ingest.InputRefusedException;
import org.chronolens.io.UsageException;
import org.chronolens.util.Columns;

import static org.apache.spark.sql.functions.*;

/**
 * A partnership's cohort attributes of children ({@code --cohorts FILE}): a {@code subject_id}
 * column, {@code case_id} where subject ids repeat across cases, and attribute columns of a few
 * categories each. They only group the flag rates by cohort; no rule reads them and no other output
 * carries them. The file is refused, before anything runs, when a column name announces an
 * identifier, and when an attribute has more categories than a cohort can (it would be an id).
 */
public final class Cohorts {

    public static final String NOT_RECORDED = "(not recorded)";
    static final int MAX_CATEGORIES = 50;

    private final SparkSession spark;
    private final String file;
    private final List<String> attributes;
    private final boolean byCase;
    private final int minChildren;

    private Cohorts(SparkSession spark, String file, List<String> attributes, boolean byCase, int minChildren) {
        this.spark = spark;
        this.file = file;
        this.attributes = attributes;
        this.byCase = byCase;
        this.minChildren = minChildren;
    }

    /** Reads the file's header and checks it. */
    public static Cohorts load(SparkSession spark, String file, int minChildren) {
        if (minChildren < 1) {
            throw new UsageException("--cohort-min-children must be 1 or more, got " + minChildren);
        }
        refuseUnlessFile(spark, file);
        String[] columns = read(spark, file).columns();
        List<String> attributes = new ArrayList<>();
        boolean hasSubject = false;
        boolean byCase = false;
        for (String c : columns) {
            IdentifierColumns.identifierIn(c).ifPresent(word -> {
                throw new InputRefusedException(file + ": column '" + c + "' looks like an identifier (" + word
                        + "); a cohorts file holds pseudonymous ids and categories only. Remove the column and run again");
            });
            if (c.equals(Columns.SUBJECT_ID)) {
                hasSubject = true;
            } else if (c.equals(Columns.CASE_ID)) {
                byCase = true;
            } else {
                attributes.add(c);
            }
        }
        if (!hasSubject || attributes.isEmpty()) {
            throw new UsageException(file + ": a cohorts file needs a subject_id column and at least one attribute column "
                    + "(e.g. age_band), got: " + String.join(", ", columns));
        }
        return new Cohorts(spark, file, List.copyOf(attributes), byCase, minChildren);
    }

    /** Settled before the scan starts: Spark would read a folder's every file, or fail late on a missing one. */
    private static void refuseUnlessFile(SparkSession spark, String file) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        try {
            org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new UsageException("--cohorts " + file + ": file not found");
            }
            if (fs.getFileStatus(path).isDirectory()) {
                throw new UsageException("--cohorts " + file + " is a folder, not a file; name the cohorts CSV file");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each child's category of one attribute, as column {@code as}, keyed by {@code subject_id} (and
     * {@code case_id} where the file has it); empty when the file has no such attribute.
     */
    public java.util.Optional<Dataset<Row>> attribute(String name, String as) {
        if (!attributes.contains(name)) {
            return java.util.Optional.empty();
        }
        List<Column> cols = new ArrayList<>();
        if (byCase) {
            cols.add(col(Columns.CASE_ID));
        }
        cols.add(col(Columns.SUBJECT_ID));
        cols.add(col("`" + name + "`").as(as));
        Dataset<Row> cohort = read(spark, file).where(col(Columns.SUBJECT_ID).isNotNull());
        List<String> keys = byCase ? List.of(Columns.CASE_ID, Columns.SUBJECT_ID) : List.of(Columns.SUBJECT_ID);
        // A child listed twice would be counted twice wherever the attribute is joined to children.
        Row facts = cohort.agg(count(lit(1)), countDistinct(col(keys.get(0)), keys.stream().skip(1).map(k -> col(k))
                .toArray(Column[]::new))).first();
        if (facts.getLong(0) != facts.getLong(1)) {
            throw new UsageException(file + ": " + (facts.getLong(0) - facts.getLong(1)) + " children appear more than once; "
                    + "give each child one row" + (byCase ? "" : " (add a case_id column where subject ids repeat across cases)"));
        }
        return java.util.Optional.of(cohort.select(cols.toArray(Column[]::new)));
    }

    private static Dataset<Row> read(SparkSession spark, String file) {
        return spark.read().option("header", "true").option("mode", "FAILFAST").csv(file);
    }

    /**
     * The rates, from the run's subjects (one row per child, with its flag count) and flags. Only
     * counts per category reach the driver.
     */
    public List<CohortRates.Rate> rates(Dataset<Row> subjects, Dataset<Row> flags, Map<String, Long> childrenByRule) {
        List<String> keys = byCase ? List.of(Columns.CASE_ID, Columns.SUBJECT_ID) : List.of(Columns.SUBJECT_ID);
        Dataset<Row> cohort = read(spark, file);
        // One pass over the file: its children, the distinct ones and each attribute's categories (a
        // row without a subject_id matches no child and is not counted).
        List<Column> measures = new ArrayList<>();
        measures.add(countDistinct(col(keys.get(0)), keys.stream().skip(1).map(k -> col(k)).toArray(Column[]::new)));
        attributes.forEach(a -> measures.add(countDistinct(col("`" + a + "`"))));
        Row facts = cohort.agg(count(col(Columns.SUBJECT_ID)), measures.toArray(Column[]::new)).first();
        long rows = facts.getLong(0);
        long distinct = facts.getLong(1);
        if (rows != distinct) {
            throw new UsageException(file + ": " + (rows - distinct) + " children appear more than once; give each child "
                    + "one row" + (byCase ? "" : " (add a case_id column where subject ids repeat across cases)"));
        }
        for (int i = 0; i < attributes.size(); i++) {
            long n = facts.getLong(2 + i);
            if (n > MAX_CATEGORIES) {
                throw new UsageException(file + ": attribute '" + attributes.get(i) + "' has " + n + " categories, more "
                        + "than " + MAX_CATEGORIES + "; an attribute groups children into a few cohorts (age_band, locality)");
            }
        }
        Dataset<Row> children = subjects.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("flags"))
                .join(cohort, scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq(), "left");
        Dataset<Row> longForm = null;
        for (String a : attributes) {
            Dataset<Row> one = children.select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col("flags"),
                    lit(a).as("attribute"), coalesce(col("`" + a + "`"), lit(NOT_RECORDED)).as("category"));
            longForm = longForm == null ? one : longForm.unionByName(one);
        }
        List<CohortRates.Cell> cells = new ArrayList<>();
        for (Row r : longForm.groupBy("attribute", "category")
                .agg(count(lit(1)), sum(when(col("flags").gt(0), 1).otherwise(0))).collectAsList()) {
            cells.add(new CohortRates.Cell(r.getString(0), r.getString(1), CohortRates.ANY, r.getLong(2), r.getLong(3)));
        }
        Map<String, Long> childrenOf = new HashMap<>();
        cells.forEach(c -> childrenOf.put(c.attribute() + "|" + c.category(), c.children()));
        Dataset<Row> flaggedByRule = flags.where(col(Columns.SUBJECT_ID).isNotNull())
                .select(col(Columns.CASE_ID), col(Columns.SUBJECT_ID), col(Columns.RULE_ID)).distinct();
        Map<String, Long> flagged = new HashMap<>();
        for (Row r : longForm.join(flaggedByRule, scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of(Columns.CASE_ID, Columns.SUBJECT_ID)).toSeq())
                .groupBy("attribute", "category", Columns.RULE_ID).count().collectAsList()) {
            flagged.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getLong(3));
        }
        long all = cells.stream().filter(c -> c.attribute().equals(attributes.get(0))).mapToLong(CohortRates.Cell::children)
                .sum();
        long anyFlagged = cells.stream().filter(c -> c.attribute().equals(attributes.get(0)))
                .mapToLong(CohortRates.Cell::flagged).sum();
        Map<String, long[]> overall = new HashMap<>();
        overall.put(CohortRates.ANY, new long[] {all, anyFlagged});
        List<CohortRates.Cell> withRules = new ArrayList<>(cells);
        for (Map.Entry<String, Long> rule : new java.util.TreeMap<>(childrenByRule).entrySet()) {
            overall.put(rule.getKey(), new long[] {all, rule.getValue()});
            for (CohortRates.Cell c : cells) {
                withRules.add(new CohortRates.Cell(c.attribute(), c.category(), rule.getKey(), c.children(),
                        flagged.getOrDefault(c.attribute() + "|" + c.category() + "|" + rule.getKey(), 0L)));
            }
        }
        return CohortRates.of(withRules, overall, minChildren);
    }
}
