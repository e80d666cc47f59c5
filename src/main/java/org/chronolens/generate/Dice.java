package org.chronolens.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/** The draws a generated family needs, over its one random stream. */
final class Dice {

    private final SplittableRandom rnd;

    Dice(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /** A whole number from {@code from} to {@code to}, both included. */
    int between(int from, int to) {
        return from + rnd.nextInt(to - from + 1);
    }

    /** A date from {@code from} to {@code to}, both included; {@code from} when the range is empty. */
    LocalDate dateBetween(LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return span <= 0 ? from : from.plusDays(rnd.nextLong(span + 1));
    }

    @SafeVarargs
    final <T> T pickOf(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    <T> T pickOf(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    /** An index drawn in proportion to {@code weights}. */
    int pick(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    SplittableRandom stream() {
        return rnd;
    }
}
