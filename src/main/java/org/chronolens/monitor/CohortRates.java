package org.chronolens.monitor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.chronolens.util.Intervals;

/**
 * Flag rates by cohort: for each attribute's category and each rule (and {@code any}), children,
 * children flagged, the rate with its 95 % Wilson interval and its ratio to the rate over all
 * children scanned. Small cells are suppressed: a category with fewer than {@code minChildren}
 * children shows no counts and no rate, and where exactly one category of an attribute is
 * suppressed, the next smallest is too, since the total over categories (every child scanned) would
 * give the first away. Monitoring of the rules, never a property of a child: nothing here is per child.
 */
public final class CohortRates {

    public static final String ANY = "any";
    public static final int MIN_CHILDREN = 10;
    public static final String HEADER = "attribute,category,rule_id,children,children_flagged,rate,rate_low,rate_high,"
            + "rate_ratio,suppressed";

    /** The counts of one cell, before suppression. */
    public record Cell(String attribute, String category, String ruleId, long children, long flagged) {
    }

    /** One row of the output; the numbers are null where suppressed. */
    public record Rate(String attribute, String category, String ruleId, Long children, Long flagged, Double rate,
                       Double low, Double high, Double ratio, boolean suppressed) {
    }

    private CohortRates() {
    }

    /**
     * @param overall per rule (and {@code any}): {children scanned, children flagged}
     */
    public static List<Rate> of(List<Cell> cells, Map<String, long[]> overall, int minChildren) {
        Map<String, Map<String, Long>> childrenByAttribute = new TreeMap<>();
        for (Cell c : cells) {
            if (c.ruleId().equals(ANY)) {
                childrenByAttribute.computeIfAbsent(c.attribute(), a -> new TreeMap<>()).put(c.category(), c.children());
            }
        }
        Set<String> suppressed = new HashSet<>();
        childrenByAttribute.forEach((attribute, categories) -> {
            List<String> small = categories.entrySet().stream().filter(e -> e.getValue() < minChildren)
                    .map(Map.Entry::getKey).toList();
            small.forEach(c -> suppressed.add(attribute + "|" + c));
            if (small.size() == 1 && categories.size() > 1) {
                categories.entrySet().stream().filter(e -> !small.contains(e.getKey()))
                        .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .ifPresent(e -> suppressed.add(attribute + "|" + e.getKey()));
            }
        });
        List<Rate> out = new ArrayList<>();
        for (Cell c : cells) {
            if (suppressed.contains(c.attribute() + "|" + c.category())) {
                out.add(new Rate(c.attribute(), c.category(), c.ruleId(), null, null, null, null, null, null, true));
                continue;
            }
            double rate = c.children() == 0 ? 0 : (double) c.flagged() / c.children();
            Intervals.Interval ci = Intervals.wilson(c.flagged(), c.children(), Intervals.Z95);
            long[] all = overall.getOrDefault(c.ruleId(), new long[] {0, 0});
            double overallRate = all[0] == 0 ? 0 : (double) all[1] / all[0];
            out.add(new Rate(c.attribute(), c.category(), c.ruleId(), c.children(), c.flagged(), rate, ci.low(), ci.high(),
                    overallRate == 0 ? null : rate / overallRate, false));
        }
        out.sort(Comparator.comparing(Rate::attribute).thenComparing(r -> !r.ruleId().equals(ANY))
                .thenComparing(Rate::ruleId).thenComparing(Rate::category, org.chronolens.util.NaturalOrder.INSTANCE));
        return out;
    }

    public static String csv(List<Rate> rates) {
        StringWriter w = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord((Object[]) HEADER.split(","));
            for (Rate r : rates) {
                csv.printRecord(r.attribute(), r.category(), r.ruleId(), text(r.children()), text(r.flagged()),
                        number(r.rate()), number(r.low()), number(r.high()), number(r.ratio()), r.suppressed());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The rows of one attribute and rule, for the report page. */
    public static Map<String, List<Rate>> byAttribute(List<Rate> rates, String ruleId) {
        Map<String, List<Rate>> out = new LinkedHashMap<>();
        rates.stream().filter(r -> r.ruleId().equals(ruleId))
                .forEach(r -> out.computeIfAbsent(r.attribute(), a -> new ArrayList<>()).add(r));
        return out;
    }

    private static String text(Long v) {
        return v == null ? "" : Long.toString(v);
    }

    private static String number(Double v) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
