package com.xiaoneng.events;

import java.time.Instant;
import java.util.List;

import static com.xiaoneng.events.Checks.list;
import static com.xiaoneng.events.Checks.required;

/** 容缺受理: what is missing and by when it must be supplied (Art. 18 (4)). */
public record Deficiency(List<String> missing, int correctionDays, Instant correctionDueAt) {
    public Deficiency {
        missing = list(missing, "deficiency.missing");
        if (missing.isEmpty()) {
            throw new InvalidEventException("deficiency.missing must name at least one material");
        }
        if (correctionDays <= 0) {
            throw new InvalidEventException("deficiency.correctionDays must be > 0");
        }
        required(correctionDueAt, "deficiency.correctionDueAt");
    }
}
