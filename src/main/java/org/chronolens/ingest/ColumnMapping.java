package org.chronolens.ingest;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.chronolens.config.YamlNode;
import org.chronolens.check.ContractColumn;

/**
 * Turns one source row into the contract columns. Without a mapping file each contract column is
 * read from the source column of the same name. A mapping file (see docs/mapping.md) lets another
 * system's export be read as chronology v1: per contract column a source column ({@code from}) or
 * a constant ({@code value}), optionally a value map, a prefix and a source date format.
 */
public final class ColumnMapping implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<String> TOP_KEYS = Set.of("description", "columns", "numeric_pseudonyms");
    private static final Set<String> RULE_KEYS = Set.of("from", "value", "map", "prefix", "date_format");

    /** How one contract column gets its value. Exactly one of {@code from} and {@code value} is set. */
    record Rule(String from, String value, Map<String, String> map, String prefix, String dateFormat)
            implements Serializable {
    }

    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** Formatters are not serializable; each executor builds its own, once per pattern. */
    private transient Map<String, DateTimeFormatter> formatters;

    private final String origin;
    private final Map<ContractColumn, Rule> rules;
    private final boolean numericPseudonyms;

    private ColumnMapping(String origin, Map<ContractColumn, Rule> rules, boolean numericPseudonyms) {
        this.origin = origin;
        this.rules = rules;
        this.numericPseudonyms = numericPseudonyms;
    }

    public static ColumnMapping identity() {
        return new ColumnMapping(null, Collections.emptyMap(), false);
    }

    /**
     * Whether the source's ids are plain numbers ({@code numeric_pseudonyms: true}): the system
     * behind the mapping issues numeric pseudonyms, so digit-only ids are not taken for NHS or
     * phone numbers.
     */
    public boolean numericPseudonyms() {
        return numericPseudonyms;
    }

    public boolean isIdentity() {
        return origin == null;
    }

    /** The mapping file this came from, or null for the identity mapping. */
    public String origin() {
        return origin;
    }

    public static ColumnMapping load(Path file) {
        YamlNode root = YamlNode.load(file);
        Map<String, YamlNode> top = root.entries(TOP_KEYS);
        YamlNode columns = top.get("columns");
        if (columns == null) {
            throw root.error("a mapping needs a 'columns' section naming, per chronology column, "
                    + "a source column (from) or a constant (value)");
        }
        Map<ContractColumn, Rule> rules = new EnumMap<>(ContractColumn.class);
        for (Map.Entry<String, YamlNode> e : columns.entries(Set.copyOf(ContractColumn.names())).entrySet()) {
            rules.put(ContractColumn.byName(e.getKey()).orElseThrow(), rule(e.getValue()));
        }
        boolean numeric = false;
        if (top.containsKey("numeric_pseudonyms")) {
            String v = top.get("numeric_pseudonyms").scalar().strip();
            if (!v.equals("true") && !v.equals("false")) {
                throw top.get("numeric_pseudonyms").error("numeric_pseudonyms '" + v + "' is not true or false");
            }
            numeric = v.equals("true");
        }
        return new ColumnMapping(file.toString(), rules, numeric);
    }

    private static Rule rule(YamlNode node) {
        if (node.isScalar()) {
            return new Rule(ContractColumn.normalise(node.scalar()), null, Map.of(), "", null);
        }
        Map<String, YamlNode> keys = node.entries(RULE_KEYS);
        YamlNode from = keys.get("from");
        YamlNode value = keys.get("value");
        if ((from == null) == (value == null)) {
            throw node.error("give exactly one of 'from' (a source column) and 'value' (a constant)");
        }
        Map<String, String> map = new HashMap<>();
        if (keys.containsKey("map")) {
            keys.get("map").entries(Set.of()).forEach((k, v) -> map.put(k, v.scalar()));
        }
        String dateFormat = null;
        if (keys.containsKey("date_format")) {
            YamlNode f = keys.get("date_format");
            dateFormat = f.scalar();
            try {
                DateTimeFormatter.ofPattern(dateFormat);
            } catch (IllegalArgumentException ex) {
                throw f.error("date_format '" + dateFormat + "' is not a valid java.time pattern ("
                        + ex.getMessage() + ")");
            }
        }
        return new Rule(from == null ? null : ContractColumn.normalise(from.scalar()),
                value == null ? null : value.scalar(), Map.copyOf(map),
                keys.containsKey("prefix") ? keys.get("prefix").scalar() : "", dateFormat);
    }

    /** Source columns (normalised) that this mapping reads. */
    public Set<String> sourceColumns(Set<String> header) {
        Set<String> used = new LinkedHashSet<>();
        for (ContractColumn c : ContractColumn.values()) {
            Rule r = rules.get(c);
            if (r == null) {
                if (header.contains(c.column())) {
                    used.add(c.column());
                }
            } else if (r.from() != null) {
                used.add(r.from());
            }
        }
        return used;
    }

    /**
     * What a file with this header lacks, as messages; empty when the file can be read.
     * A required contract column must come from the file or from a constant.
     */
    public List<String> missingColumns(Set<String> header) {
        List<String> missing = new ArrayList<>();
        for (ContractColumn c : ContractColumn.values()) {
            Rule r = rules.get(c);
            if (r == null) {
                if (c.required() && !header.contains(c.column())) {
                    missing.add("required column '" + c.column() + "' is missing");
                }
            } else if (r.from() != null && !header.contains(r.from())) {
                missing.add("column '" + r.from() + "' named by the mapping for " + c.column() + " is missing");
            }
        }
        return missing;
    }

    /** Maps one row; {@code source} gives a value by normalised source column name, or null. */
    public Map<ContractColumn, String> apply(Function<String, String> source) {
        Map<ContractColumn, String> out = new EnumMap<>(ContractColumn.class);
        for (ContractColumn c : ContractColumn.values()) {
            Rule r = rules.get(c);
            String v;
            if (r == null) {
                v = source.apply(c.column());
            } else {
                v = r.value() != null ? r.value() : source.apply(r.from());
                v = transform(r, v == null ? "" : v.strip());
            }
            out.put(c, v == null ? "" : v);
        }
        return out;
    }

    private String transform(Rule r, String v) {
        if (v.isEmpty()) {
            return v;
        }
        v = r.map().getOrDefault(v, v);
        if (r.dateFormat() != null) {
            v = reformatDate(v, r.dateFormat());
        }
        return r.prefix() + v;
    }

    /** A value that does not fit the format is passed on unchanged, so that validation quarantines it as bad_date. */
    private String reformatDate(String v, String pattern) {
        if (formatters == null) {
            formatters = new HashMap<>();
        }
        try {
            TemporalAccessor t = formatters.computeIfAbsent(pattern, DateTimeFormatter::ofPattern).parse(v);
            LocalDate date = LocalDate.from(t);
            if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
                return date.toString();
            }
            LocalDateTime dt = LocalDateTime.from(t);
            return dt.getSecond() == 0 && dt.getMinute() == 0 && dt.getHour() == 0
                    ? date.toString()
                    : dt.format(ISO_DATE_TIME);
        } catch (java.time.DateTimeException e) {
            return v;
        }
    }
}
