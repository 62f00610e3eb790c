package com.xiaoneng.streaming.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A message the job could not use, with why. {@code payload} is the original text, or Base64 when
 * the bytes are not UTF-8 ({@code payloadEncoding} says which).
 */
public record DeadLetter(String reason, String topic, int partition, long offset, String key, String payload,
                         String payloadEncoding) {

    public static DeadLetter of(RawMessage message, String reason) {
        String text = utf8(message.value());
        return text != null
                ? new DeadLetter(reason, message.topic(), message.partition(), message.offset(), message.key(), text, "text")
                : new DeadLetter(reason, message.topic(), message.partition(), message.offset(), message.key(),
                        Base64.getEncoder().encodeToString(message.value()), "base64");
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
