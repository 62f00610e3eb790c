package com.xiaoneng.streaming.counts;

import java.util.Objects;

/**
 * A change, at one instant, in how many bad ratings given on {@code ratedDay} (epoch day, local) are unrectified
 * past their limit ({@code case_rectification_overdue_changes}). A POJO so that Flink serializes it as such.
 */
public class RectificationOverdueRow extends OverdueRow {
    public int ratedDay;

    public RectificationOverdueRow() {
    }

    RectificationOverdueRow(int ratedDay, long at, CaseDimensions dimensions, long change) {
        super(at, dimensions, change);
        this.ratedDay = ratedDay;
    }

    /** The same rating day, instant and dimensions: rows that add up into one. */
    public boolean sameKey(RectificationOverdueRow other) {
        return ratedDay == other.ratedDay && super.sameKey(other);
    }

    @Override
    public RectificationOverdueRow plus(long amount) {
        return new RectificationOverdueRow(ratedDay, at, this, Math.addExact(change, amount));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RectificationOverdueRow other && sameKey(other) && change == other.change;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ratedDay, super.hashCode());
    }

    @Override
    public String toString() {
        return "RectificationOverdueRow{ratedDay=" + ratedDay + ", at=" + at + ", " + dimensionsText() + ", change="
                + change + "}";
    }
}
