package com.xiaoneng.query.audit;

import java.time.Instant;

/**
 * An overdue case: open past its due date, or completed late. overdueWorkingDays counts the working
 * days after the due day up to the completion day (late) or today (open); warningLevel is the highest
 * warning the streaming job raised for the case (RED, YELLOW or null).
 */
public record OverdueRow(String caseId, String itemCode, String itemName, String agencyCode, String agencyName,
                         String handlingRegion, Instant acceptedAt, Instant dueAt, Instant completedAt,
                         int overdueWorkingDays, String warningLevel) {
}
