package org.chronolens.ingest;

import org.chronolens.util.Columns;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.chronolens.check.CheckedEvent;
import org.chronolens.check.ContractColumn;
import org.chronolens.check.PiiKind;

/** The Spark schema of checked rows: position, the contract columns as text, typed dates, verdict, PII counts. */
public final class CheckedRows {

    public static final String SOURCE_FILE = "source_file";
    public static final String LINE = "line";
    public static final String EVENT_DAY = "event_day";
    public static final String EVENT_TIME = Columns.EVENT_TIME;
    public static final String DUE_DAY = "due_day";
    public static final String REASON = "reason";
    public static final String MESSAGE = "message";

    public static final StructType SCHEMA = schema();

    private CheckedRows() {
    }

    public static String piiColumn(PiiKind kind) {
        return "pii_" + kind.code();
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        for (ContractColumn c : ContractColumn.values()) {
            fields.add(DataTypes.createStructField(c.column(), DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(EVENT_DAY, DataTypes.DateType, true));
        fields.add(DataTypes.createStructField(EVENT_TIME, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(DUE_DAY, DataTypes.DateType, true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(MESSAGE, DataTypes.StringType, true));
        for (PiiKind k : PiiKind.values()) {
            fields.add(DataTypes.createStructField(piiColumn(k), DataTypes.IntegerType, false));
        }
        return DataTypes.createStructType(fields);
    }

    public static Row toRow(CheckedEvent e) {
        Object[] v = new Object[SCHEMA.size()];
        int i = 0;
        v[i++] = e.sourceFile();
        v[i++] = e.line();
        for (ContractColumn c : ContractColumn.values()) {
            String s = e.value(c);
            v[i++] = s == null || s.isEmpty() ? null : s;
        }
        v[i++] = e.eventDay() == null ? null : Date.valueOf(e.eventDay());
        v[i++] = e.eventTime();
        v[i++] = e.dueDay() == null ? null : Date.valueOf(e.dueDay());
        v[i++] = e.reason() == null ? null : e.reason().code();
        v[i++] = e.message();
        for (PiiKind k : PiiKind.values()) {
            v[i++] = e.pii().getOrDefault(k, 0);
        }
        return RowFactory.create(v);
    }
}
