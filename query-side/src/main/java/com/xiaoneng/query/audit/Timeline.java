package com.xiaoneng.query.audit;

import java.util.List;

public record Timeline(String caseId, List<TimelineEvent> events) {
}
