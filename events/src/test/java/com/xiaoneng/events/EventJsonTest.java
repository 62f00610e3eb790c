package com.xiaoneng.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {
    private static final Instant T = Instant.parse("2025-03-10T02:00:00Z");

    static List<CaseEvent> oneOfEach() {
        return List.of(
                new CaseSubmitted("C1", T, "XJ-GA-001", 2, "居民身份证换领", ItemType.CONFIRMATION, "650100-GA",
                        "乌鲁木齐市公安局", ApplicantType.PERSON, "p-1", Channel.HALL, "650102", "653101",
                        CrossRegionMode.WITHIN_REGION),
                new CaseAccepted("C1", T, 2, 20, 10, T, false,
                        new Deficiency(List.of("营业执照副本"), 5, T)),
                new CaseNotAccepted("C1", T, "不属于本机关职权范围", "乌鲁木齐市市场监督管理局"),
                new CaseCorrected("C1", T, List.of("营业执照副本")),
                new AcceptanceRevoked("C1", T, "材料未在期限内补正", true),
                new CaseSuspended("C1", T, "专家评审", "需要技术评审"),
                new CaseResumed("C1", T, 3, T, false),
                new CaseExtended("C1", T, 10, "情况复杂", T, true),
                new CaseCompleted("C1", T, Outcome.DENIED, "不符合条件，可申请复议", T, true),
                new CaseRated("C1", T, 2, "等待时间长", false, T),
                new BadRatingRectified("C1", T, "增设窗口", true),
                new DefaultRatingSuperseded("C1", T, T.plusSeconds(60), 4),
                new AcceptanceReinstated("C1", T, T.plusSeconds(60), T.plusSeconds(86_400), false));
    }

    @Test
    void everyEventRoundTrips() {
        long sequence = 0;
        for (CaseEvent event : oneOfEach()) {
            EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), sequence++, T.plusSeconds(1), event);
            String json = EventJson.write(envelope);
            assertThat(EventJson.read(json)).isEqualTo(envelope);
            assertThat(json).contains("\"type\":\"" + event.type() + "\"").contains("\"schemaVersion\":2");
        }
        assertThat(CaseEventTypes.names()).hasSize(oneOfEach().size());
    }

    @Test
    void rejectsBrokenMessagesWithAReason() {
        EventEnvelope good = EventEnvelope.of(UUID.randomUUID(), 0, T, oneOfEach().get(9));
        String json = EventJson.write(good);
        assertThatThrownBy(() -> EventJson.read("{oops")).isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventJson.read(json.replace("\"score\":2", "\"score\":9")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("score");
        assertThatThrownBy(() -> EventJson.read(json.replace("CaseRated", "CaseTeleported")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventJson.read(json.replace("\"sequence\":0,", "")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> EventJson.read(json.replace("\"schemaVersion\":2", "\"schemaVersion\":7")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("schemaVersion");
        assertThatThrownBy(() -> EventJson.read(json.replace("\"comment\"", "\"remark\"")))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void stillReadsVersionOneButNotTheSupersessionEventsInIt() {
        String rated = EventJson.write(EventEnvelope.of(UUID.randomUUID(), 5, T, oneOfEach().get(9)));
        assertThat(EventJson.read(rated.replace("\"schemaVersion\":2", "\"schemaVersion\":1")).schemaVersion()).isEqualTo(1);
        String superseded = EventJson.write(EventEnvelope.of(UUID.randomUUID(), 6, T, oneOfEach().get(11)));
        assertThatThrownBy(() -> EventJson.read(superseded.replace("\"schemaVersion\":2", "\"schemaVersion\":1")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("needs schemaVersion 2");
    }

    @Test
    void onlyAFactGivenInTimeSupersedesAnAutomaticStep() {
        assertThatThrownBy(() -> new DefaultRatingSuperseded("C1", T.plusSeconds(1), T, 4))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("supersededRatedAt");
        assertThatThrownBy(() -> new AcceptanceReinstated("C1", T.plusSeconds(1), T, T, false))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("revokedAt");
    }
}
