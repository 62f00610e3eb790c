package com.xiaoneng.command.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * An item's terms as a client sends them (PUT body or CSV row), not yet checked: any field may be
 * missing. Text is stripped here so that "  公安局 " and "公安局" are the same version.
 */
public record GuideInput(
        String name,
        ItemType type,
        String legalBasis,
        String agencyCode,
        String agencyName,
        String regionCode,
        @JsonDeserialize(using = WholeDays.class) Integer statutoryLimitDays,
        @JsonDeserialize(using = WholeDays.class) Integer promisedLimitDays,
        CrossRegionScope crossRegionScope,
        BigDecimal feeYuan) {

    public GuideInput {
        name = strip(name);
        legalBasis = strip(legalBasis);
        agencyCode = strip(agencyCode);
        agencyName = strip(agencyName);
        regionCode = strip(regionCode);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    /** Working days are whole JSON numbers; Jackson would otherwise turn 1.5 into 1 without a word. */
    public static final class WholeDays extends StdDeserializer<Integer> {
        public WholeDays() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            return (Integer) context.handleUnexpectedToken(Integer.class, parser);
        }
    }
}
