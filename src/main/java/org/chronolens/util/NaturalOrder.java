package org.chronolens.util;

import java.util.Comparator;

/**
 * Text in the order a person expects where it holds numbers: "0-4", "5-10", "11-15", "16-17"
 * (as text, "11-15" would come before "5-10"). Runs of digits compare by their value, everything
 * else character by character; equal values then compare as plain text, so the order is total.
 */
public final class NaturalOrder implements Comparator<String>, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int byValue = compareDigits(a.substring(i, ei), b.substring(j, ej));
                if (byValue != 0) {
                    return byValue;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Two runs of digits by value, however long (no overflow): leading zeros dropped, then length, then digits. */
    private static int compareDigits(String x, String y) {
        String a = x.replaceFirst("^0+(?=.)", "");
        String b = y.replaceFirst("^0+(?=.)", "");
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
