package org.chronolens.io;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import static org.apache.spark.sql.functions.*;

/**
 * Neutralises spreadsheet formula injection in CSV outputs: a text cell starting with
 * {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which Excel and
 * LibreOffice show as text instead of evaluating (OWASP's recommendation).
 */
public final class SpreadsheetSafe {

    static final String DANGEROUS_START = "^[=+\\-@\\t\\r]";

    private SpreadsheetSafe() {
    }

    public static Dataset<Row> neutralise(Dataset<Row> rows) {
        Column[] cols = new Column[rows.schema().size()];
        int i = 0;
        for (StructField f : rows.schema().fields()) {
            Column c = col("`" + f.name() + "`");
            cols[i++] = f.dataType().equals(DataTypes.StringType)
                    ? when(c.rlike(DANGEROUS_START), concat(lit("'"), c)).otherwise(c).as(f.name())
                    : c;
        }
        return rows.select(cols);
    }

    /** The same rule for one value, for writers that do not go through Spark. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
