package com.xiaoneng.command.importing;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads an NDJSON body line by line as it arrives, with a bound on a line's length so that a body without
 * line breaks cannot exhaust the heap. A longer line is skipped up to its end and reported as too long.
 */
final class LineReader {
    /** Marks a line that exceeded the bound. */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator (\n or \r\n), {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder(256);
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line.isEmpty() && !tooLong) {
                        return null;
                    }
                    return tooLong ? TOO_LONG : strip(line);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.append(buffer, start, position - start);
                if (line.length() > maxChars) {
                    tooLong = true;
                    line.setLength(0);
                }
            }
            if (position < limit) {
                position++;
                return tooLong ? TOO_LONG : strip(line);
            }
        }
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}
