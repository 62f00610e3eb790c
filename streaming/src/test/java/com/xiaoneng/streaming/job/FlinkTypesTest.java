package com.xiaoneng.streaming.job;

import com.xiaoneng.streaming.alerts.CaseAlert;
import com.xiaoneng.streaming.cases.CaseEventRow;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.counts.CountRow;
import com.xiaoneng.streaming.ingest.DeadLetter;
import com.xiaoneng.streaming.ingest.RawMessage;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** State and records between operators use Flink's POJO serializer (evolvable, fast), never Kryo. */
class FlinkTypesTest {
    @Test
    void stateAndRecordsArePojoTypes() {
        for (Class<?> type : new Class<?>[] {CaseState.class, RawMessage.class, CaseEventRow.class, CaseAlert.class,
                DeadLetter.class, CountRow.class}) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
