package com.xiaoneng.streaming.counts;

import java.util.Objects;

/**
 * A change, at one instant, in how many cases of one set of dimensions are open and overdue
 * ({@code case_overdue_changes}). A POJO so that Flink serializes it as such.
 */
public class OverdueRow extends CaseDimensions {
    /** Epoch milliseconds, as ClickHouse's DateTime64(3) keeps them. */
    public long at;
    public long change;

    public OverdueRow() {
    }

    OverdueRow(long at, CaseDimensions dimensions, long change) {
        super(dimensions);
        this.at = at;
        this.change = change;
    }

    /** The same instant and dimensions: rows that add up into one. */
    public boolean sameKey(OverdueRow other) {
        return at == other.at && sameDimensions(other);
    }

    public OverdueRow plus(long amount) {
        return new OverdueRow(at, this, Math.addExact(change, amount));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OverdueRow other && sameKey(other) && change == other.change;
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, handlingRegion, agencyCode, itemCode, channel, crossRegionMode, change);
    }

    @Override
    public String toString() {
        return "OverdueRow{at=" + at + ", " + dimensionsText() + ", change=" + change + "}";
    }
}
