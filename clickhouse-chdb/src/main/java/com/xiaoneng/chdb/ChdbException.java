package com.xiaoneng.chdb;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error reported by the engine, with ClickHouse's error code when the message carries one. */
public class ChdbException extends RuntimeException {

    /** ClickHouse's UNKNOWN_EXCEPTION, for messages without a code. */
    static final int UNKNOWN_EXCEPTION = 1002;

    private static final Pattern CODE = Pattern.compile("^\\s*Code:\\s*(\\d+)\\.");

    private final int code;

    public ChdbException(String message) {
        this(codeOf(message), message);
    }

    public ChdbException(int code, String message) {
        super(message.strip());
        this.code = code;
    }

    /** ClickHouse error code, e.g. 60 for UNKNOWN_TABLE. */
    public int code() {
        return code;
    }

    /** The message as a ClickHouse server shows it: {@code Code: N. DB::Exception: ...}. */
    public String serverMessage() {
        String message = getMessage();
        return CODE.matcher(message).find() ? message : "Code: " + code + ". DB::Exception: " + message;
    }

    private static int codeOf(String message) {
        Matcher m = CODE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : UNKNOWN_EXCEPTION;
    }
}
