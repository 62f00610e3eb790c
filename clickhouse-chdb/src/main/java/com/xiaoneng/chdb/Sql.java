package com.xiaoneng.chdb;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of ClickHouse's lexer to route a request: where the data of an INSERT begins (after
 * {@code VALUES} or {@code FORMAT name}) and which FORMAT a query ends with. It never lexes past the
 * start of INSERT data, which may be binary (RowBinary).
 */
final class Sql {

    private Sql() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What a request's text (query parameter, newline, body) holds. */
    sealed interface Statement permits Plain, Insert {
    }

    /**
     * Anything but an INSERT with data. {@code format} is the name in a trailing FORMAT clause, or null;
     * {@code keyword} the statement's first word, upper-cased (empty when it starts otherwise, e.g. with "(").
     */
    record Plain(String format, String keyword) implements Statement {

        /** A USE statement changes the engine's current database. */
        boolean use() {
            return keyword.equals("USE");
        }

        /** What ClickHouse runs over HTTP GET, which implies readonly=2. */
        boolean readOnly() {
            return READ_ONLY_KEYWORDS.contains(keyword);
        }
    }

    private static final Set<String> READ_ONLY_KEYWORDS =
            Set.of("", "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN", "USE", "SET");

    /** An INSERT whose data, in {@code format}, starts at {@code dataOffset}; {@code query} stops before it. */
    record Insert(String query, String format, int dataOffset) implements Statement {
    }

    /**
     * Classifies {@code text}. {@code queryEnd} is where the query parameter ends and the body begins
     * (the text's length when there is no body): an INSERT without VALUES or FORMAT in the query
     * parameter takes the body as TabSeparated data, as ClickHouse does.
     */
    static Statement parse(byte[] text, int queryEnd) {
        Lexer lx = new Lexer(text);
        String first = lx.nextWord();
        if ("INSERT".equals(first)) {
            Statement insert = parseInsert(lx, text, queryEnd);
            if (insert != null) {
                return insert;
            }
        }
        return new Plain(trailingFormat(new Lexer(text)), first == null ? "" : first);
    }

    private static Statement parseInsert(Lexer lx, byte[] text, int queryEnd) {
        while (true) {
            int start = lx.skipTrivia();
            if (start >= text.length || (queryEnd < text.length && start >= queryEnd)) {
                if (queryEnd < text.length) {
                    return new Insert(ascii(text, 0, queryEnd).strip(), "TabSeparated", queryEnd);
                }
                return null;
            }
            String word = lx.nextWordAtTopLevel();
            if (word == null) {
                continue;
            }
            switch (word) {
                case "SELECT", "WITH" -> {
                    return null;
                }
                case "VALUES" -> {
                    return new Insert(ascii(text, 0, start), "Values", lx.skipTrivia());
                }
                case "FORMAT" -> {
                    lx.skipTrivia();
                    int nameStart = lx.pos;
                    if (lx.nextWord() == null) {
                        return null;
                    }
                    String format = ascii(text, nameStart, lx.pos);
                    return new Insert(ascii(text, 0, start), format, dataStart(text, lx.pos));
                }
                default -> {
                }
            }
        }
    }

    /** ClickHouse's rule: data starts after the first newline following the format name, else after all blanks. */
    private static int dataStart(byte[] text, int pos) {
        int p = pos;
        while (p < text.length && isBlank(text[p])) {
            if (text[p] == '\n') {
                return p + 1;
            }
            p++;
        }
        return p;
    }

    private static String trailingFormat(Lexer lx) {
        String previous = null;
        String format = null;
        String last = null;
        while (lx.skipTrivia() < lx.text.length) {
            int start = lx.pos;
            String word = lx.nextWordAtTopLevel();
            if (word == null) {
                if (lx.text[start] != ';') {
                    last = null;
                    format = null;
                }
                continue;
            }
            previous = last;
            last = ascii(lx.text, start, lx.pos);
            format = "FORMAT".equals(previous == null ? null : previous.toUpperCase(Locale.ROOT)) ? last : null;
        }
        return format;
    }

    private static String ascii(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }

    private static boolean isWordStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    private static boolean isWordPart(byte b) {
        return isWordStart(b) || (b >= '0' && b <= '9');
    }

    private static final class Lexer {
        final byte[] text;
        int pos;
        int depth;

        Lexer(byte[] text) {
            this.text = text;
        }

        /** Skips blanks and comments; returns the new position. */
        int skipTrivia() {
            while (pos < text.length) {
                byte b = text[pos];
                if (isBlank(b)) {
                    pos++;
                } else if (b == '-' && peek(1) == '-') {
                    while (pos < text.length && text[pos] != '\n') {
                        pos++;
                    }
                } else if (b == '/' && peek(1) == '*') {
                    int close = indexOf("*/", pos + 2);
                    pos = close < 0 ? text.length : close + 2;
                } else {
                    break;
                }
            }
            return pos;
        }

        /** The next token if it is a bare word (upper-cased), after skipping trivia; null otherwise. */
        String nextWord() {
            skipTrivia();
            if (pos >= text.length || !isWordStart(text[pos])) {
                return null;
            }
            int start = pos;
            while (pos < text.length && isWordPart(text[pos])) {
                pos++;
            }
            return ascii(text, start, pos).toUpperCase(Locale.ROOT);
        }

        /** Consumes one token; returns it upper-cased if it is a bare word outside any parentheses. */
        String nextWordAtTopLevel() {
            skipTrivia();
            if (pos >= text.length) {
                return null;
            }
            byte b = text[pos];
            if (isWordStart(b)) {
                String word = nextWord();
                return depth == 0 ? word : null;
            }
            switch (b) {
                case '\'', '"', '`' -> skipQuoted(b);
                case '(', '[' -> {
                    depth++;
                    pos++;
                }
                case ')', ']' -> {
                    depth = Math.max(0, depth - 1);
                    pos++;
                }
                default -> pos++;
            }
            return null;
        }

        private void skipQuoted(byte quote) {
            pos++;
            while (pos < text.length) {
                byte b = text[pos++];
                if (b == '\\') {
                    pos++;
                } else if (b == quote) {
                    if (peek(0) != quote) {
                        return;
                    }
                    pos++;
                }
            }
        }

        private int peek(int ahead) {
            int p = pos + ahead;
            return p < text.length ? text[p] : -1;
        }

        private int indexOf(String s, int from) {
            outer:
            for (int i = from; i <= text.length - s.length(); i++) {
                for (int j = 0; j < s.length(); j++) {
                    if (text[i + j] != s.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
