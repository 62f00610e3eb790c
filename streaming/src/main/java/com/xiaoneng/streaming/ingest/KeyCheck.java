package com.xiaoneng.streaming.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Messages are partitioned by their key (the case id); one without a key goes to the dead letters. */
public final class KeyCheck extends ProcessFunction<RawMessage, RawMessage> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("unkeyed-dead-letters", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(RawMessage message, Context ctx, Collector<RawMessage> out) {
        if (message.key() == null || message.key().isBlank()) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(message, "message has no key (the case id)"));
        } else {
            out.collect(message);
        }
    }
}
