package com.xiaoneng.streaming.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A message the job could not use, with why. {@code payload} is the original text, or Base64 when
 * the bytes are not UTF-8 ({@code payloadEncoding} says which), cut to its first
 * {@link #MAX_PAYLOAD_BYTES} bytes; {@code payloadBytes} is the original size. A row ClickHouse
 * refused has {@code topic} {@code clickhouse:<database>.<table>}, partition and offset -1 and the
 * row as JSON for payload.
 */
public record DeadLetter(String reason, String topic, int partition, long offset, String key, String payload,
                         String payloadEncoding, int payloadBytes) {
    /**
     * A dead letter must fit a Kafka record (1 MB by default) even when JSON escaping grows its payload
     * up to sixfold; the contract's largest event is 64 KiB, so nothing useful is cut.
     */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int MAX_REASON_CHARS = 2_000;

    public static DeadLetter of(RawMessage message, String reason) {
        byte[] value = message.value();
        byte[] kept = value.length <= MAX_PAYLOAD_BYTES ? value : Arrays.copyOf(value, utf8Boundary(value));
        String text = utf8(kept);
        return text != null
                ? new DeadLetter(shorten(reason), message.topic(), message.partition(), message.offset(), message.key(),
                        text, "text", value.length)
                : new DeadLetter(shorten(reason), message.topic(), message.partition(), message.offset(), message.key(),
                        Base64.getEncoder().encodeToString(kept), "base64", value.length);
    }

    /** A row ClickHouse refused, as the JSON of its columns. */
    public static DeadLetter ofRow(String table, String key, String rowJson, String reason) {
        return of(new RawMessage("clickhouse:" + table, -1, -1, key, rowJson.getBytes(StandardCharsets.UTF_8)), reason);
    }

    /** Where to cut so that no UTF-8 character is split: before a continuation byte (10xxxxxx). */
    private static int utf8Boundary(byte[] value) {
        int end = MAX_PAYLOAD_BYTES;
        while (end > 0 && (value[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
