package com.xiaoneng.demo.simulator;

import java.util.List;

/** The commands of one case, in increasing business time. */
public record CasePlan(String caseId, List<Step> steps) {
}
