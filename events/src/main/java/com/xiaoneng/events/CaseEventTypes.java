package com.xiaoneng.events;

import java.util.Map;
import java.util.Set;

/** Maps wire type names to payload classes, for readers that deserialize {@link EventEnvelope#data()}. */
public final class CaseEventTypes {
    private static final Map<String, Class<? extends CaseEvent>> TYPES = Map.ofEntries(
            entry(CaseSubmitted.class), entry(CaseAccepted.class), entry(CaseNotAccepted.class),
            entry(CaseCorrected.class), entry(AcceptanceRevoked.class), entry(CaseSuspended.class),
            entry(CaseResumed.class), entry(CaseExtended.class), entry(CaseCompleted.class),
            entry(CaseRated.class), entry(BadRatingRectified.class),
            entry(DefaultRatingSuperseded.class), entry(AcceptanceReinstated.class));

    private CaseEventTypes() {
    }

    public static Class<? extends CaseEvent> classOf(String type) {
        Class<? extends CaseEvent> type1 = TYPES.get(type);
        if (type1 == null) {
            throw new InvalidEventException("unknown event type " + type);
        }
        return type1;
    }

    public static Set<String> names() {
        return TYPES.keySet();
    }

    private static Map.Entry<String, Class<? extends CaseEvent>> entry(Class<? extends CaseEvent> type) {
        return Map.entry(type.getSimpleName(), type);
    }
}
