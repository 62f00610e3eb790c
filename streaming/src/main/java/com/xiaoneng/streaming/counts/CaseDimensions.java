package com.xiaoneng.streaming.counts;

import com.xiaoneng.streaming.cases.CaseState;

/**
 * The dimensions a case is counted under (its handling region, agency, item, channel and cross-region mode; empty
 * when unknown). A POJO so that the rows extending it are serialized by Flink as such.
 */
public class CaseDimensions {
    public String handlingRegion = "";
    public String agencyCode = "";
    public String itemCode = "";
    public String channel = "";
    public String crossRegionMode = "";

    public CaseDimensions() {
    }

    CaseDimensions(CaseDimensions dimensions) {
        this.handlingRegion = dimensions.handlingRegion;
        this.agencyCode = dimensions.agencyCode;
        this.itemCode = dimensions.itemCode;
        this.channel = dimensions.channel;
        this.crossRegionMode = dimensions.crossRegionMode;
    }

    static CaseDimensions of(CaseState state) {
        CaseDimensions dimensions = new CaseDimensions();
        dimensions.handlingRegion = text(state.handlingRegion);
        dimensions.agencyCode = text(state.agencyCode);
        dimensions.itemCode = text(state.itemCode);
        dimensions.channel = state.channel == null ? "" : state.channel.name();
        dimensions.crossRegionMode = state.crossRegionMode == null ? "" : state.crossRegionMode.name();
        return dimensions;
    }

    boolean sameDimensions(CaseDimensions other) {
        return handlingRegion.equals(other.handlingRegion) && agencyCode.equals(other.agencyCode)
                && itemCode.equals(other.itemCode) && channel.equals(other.channel)
                && crossRegionMode.equals(other.crossRegionMode);
    }

    String dimensionsText() {
        return "region=" + handlingRegion + ", agency=" + agencyCode + ", item=" + itemCode + ", channel=" + channel
                + ", mode=" + crossRegionMode;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
