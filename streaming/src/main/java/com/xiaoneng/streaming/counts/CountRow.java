package com.xiaoneng.streaming.counts;

import java.util.Arrays;
import java.util.Objects;

/**
 * Additions to the counters of one local day and one set of a case's dimensions; negative where a case no
 * longer counts. A POJO (public fields, no-argument constructor) so that Flink serializes it as such.
 */
public class CountRow extends CaseDimensions {
    /** The local (Asia/Shanghai) day, as days since 1970-01-01. */
    public int day;
    /** Indexed by {@link Counter#ordinal()}. */
    public long[] counts = new long[Counter.values().length];

    public CountRow() {
    }

    CountRow(int day, CaseDimensions dimensions) {
        super(dimensions);
        this.day = day;
    }

    public long count(Counter counter) {
        return counts[counter.ordinal()];
    }

    public boolean isZero() {
        return Arrays.stream(counts).allMatch(c -> c == 0);
    }

    /** The same day and dimensions: rows that add up into one. */
    public boolean sameKey(CountRow other) {
        return day == other.day && sameDimensions(other);
    }

    /** A new row: {@code a + sign × b}, counter by counter (a's day and dimensions). */
    public static CountRow plus(CountRow a, CountRow b, int sign) {
        CountRow sum = new CountRow(a.day, a);
        for (int i = 0; i < sum.counts.length; i++) {
            sum.counts[i] = Math.addExact(a.counts[i], Math.multiplyExact(sign, b.counts[i]));
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountRow other && sameKey(other) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(day, handlingRegion, agencyCode, itemCode, channel, crossRegionMode, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "CountRow{day=" + day + ", " + dimensionsText() + ", counts=" + Arrays.toString(counts) + "}";
    }
}
