package com.xiaoneng.events;

import java.time.Instant;

import static com.xiaoneng.events.Checks.region;
import static com.xiaoneng.events.Checks.required;
import static com.xiaoneng.events.Checks.text;

/**
 * 申请提交. Carries a snapshot of the item as published when submitted so that analytics need no
 * catalog lookup. {@code applicantId} is the real identity in the event store and a keyed pseudonym
 * everywhere else.
 */
public record CaseSubmitted(
        String caseId,
        Instant occurredAt,
        String itemCode,
        int itemVersion,
        String itemName,
        ItemType itemType,
        String agencyCode,
        String agencyName,
        ApplicantType applicantType,
        String applicantId,
        Channel channel,
        String acceptingRegion,
        String handlingRegion,
        CrossRegionMode crossRegionMode) implements CaseEvent {

    public CaseSubmitted {
        text(caseId, "caseId");
        required(occurredAt, "occurredAt");
        text(itemCode, "itemCode");
        text(itemName, "itemName");
        required(itemType, "itemType");
        text(agencyCode, "agencyCode");
        text(agencyName, "agencyName");
        required(applicantType, "applicantType");
        text(applicantId, "applicantId");
        required(channel, "channel");
        region(acceptingRegion, "acceptingRegion");
        region(handlingRegion, "handlingRegion");
        required(crossRegionMode, "crossRegionMode");
    }

    public CaseSubmitted withApplicantId(String pseudonym) {
        return new CaseSubmitted(caseId, occurredAt, itemCode, itemVersion, itemName, itemType, agencyCode,
                agencyName, applicantType, pseudonym, channel, acceptingRegion, handlingRegion, crossRegionMode);
    }
}
