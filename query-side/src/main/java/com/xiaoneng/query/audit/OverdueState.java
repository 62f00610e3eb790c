package com.xiaoneng.query.audit;

import com.xiaoneng.query.web.BadRequestException;

public enum OverdueState {
    /** accepted, not completed, revoked or suspended, and past its due date now */
    OPEN,
    /** completed after its due date */
    LATE;

    static OverdueState parse(String value) {
        return switch (value == null ? "" : value) {
            case "open" -> OPEN;
            case "late" -> LATE;
            default -> throw new BadRequestException("state", "one_of", "state must be open or late, was '" + value + "'");
        };
    }
}
