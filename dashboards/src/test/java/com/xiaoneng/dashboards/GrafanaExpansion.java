package com.xiaoneng.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana and the ClickHouse plugin (v4) do to a panel's SQL before ClickHouse sees it, for the
 * parts the dashboards use: the plugin's frontend {@code $__conditionalAll(condition, $var)} (the
 * condition, or {@code 1=1} when the variable is at "All"), Grafana's template variables
 * ({@code ${var:singlequote}}, {@code ${var}}, {@code $var}), then the plugin's backend macros with
 * the expansions its documentation gives (instants as Unix seconds or milliseconds, dates in UTC).
 * Anything else starting with {@code $} is an error, so a typo cannot pass as expanded.
 */
final class GrafanaExpansion {
    /** A variable's selection: "All", or specific values; {@code options} are what "All" lists. */
    record Selection(boolean all, List<String> values, List<String> options) {
        static Selection all(List<String> options) {
            return new Selection(true, List.of(), options);
        }

        static Selection of(String... values) {
            return new Selection(false, List.of(values), List.of(values));
        }

        List<String> effective() {
            return all ? options : values;
        }
    }

    /** The picker's range and the interval Grafana derived for the panel. */
    record Range(Instant from, Instant to, Duration interval) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)");
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private GrafanaExpansion() {
    }

    static String expand(String sql, Map<String, Selection> variables, Range range) {
        String expanded = conditionalAll(sql, variables);
        expanded = templateVariables(expanded, variables);
        expanded = macros(expanded, range);
        int dollar = expanded.indexOf('$');
        if (dollar >= 0) {
            throw new IllegalArgumentException("not expanded: " + expanded.substring(dollar, Math.min(expanded.length(),
                    dollar + 40)) + "\nin\n" + expanded);
        }
        return expanded;
    }

    private static String conditionalAll(String sql, Map<String, Selection> variables) {
        String macro = "$__conditionalAll(";
        String result = sql;
        for (int at = result.lastIndexOf(macro); at >= 0; at = result.lastIndexOf(macro)) {
            int open = at + macro.length() - 1;
            int close = closingParenthesis(result, open);
            List<String> args = arguments(result.substring(open + 1, close));
            if (args.size() != 2) {
                throw new IllegalArgumentException("$__conditionalAll takes 2 arguments: " + result.substring(at, close + 1));
            }
            Matcher variable = VARIABLE.matcher(args.get(1).strip());
            if (!variable.matches()) {
                throw new IllegalArgumentException("$__conditionalAll needs a variable: " + args.get(1));
            }
            Selection selection = selection(variables, variable.group(1) != null ? variable.group(1) : variable.group(3));
            result = result.substring(0, at) + (selection.all() ? "1=1" : args.get(0)) + result.substring(close + 1);
        }
        return result;
    }

    private static String templateVariables(String sql, Map<String, Selection> variables) {
        Matcher matcher = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
            if (name.startsWith("__")) {
                // a macro of the plugin's backend, not a variable
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            List<String> values = selection(variables, name).effective();
            String format = matcher.group(2);
            String text;
            if ("singlequote".equals(format)) {
                text = values.stream().map(v -> "'" + v.replace("'", "\\'") + "'").collect(Collectors.joining(","));
            } else if (format == null) {
                // the plugin's own formatter: several values as a quoted list, one as it is
                text = values.size() == 1 ? values.get(0) : "'" + String.join("','", values) + "'";
            } else {
                throw new IllegalArgumentException("variable format not handled here: " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String macros(String sql, Range range) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        Matcher matcher = MACRO.matcher(sql);
        while (matcher.find(position)) {
            out.append(sql, position, matcher.start());
            String name = matcher.group(1);
            List<String> args = List.of();
            int end = matcher.end();
            if (end < sql.length() && sql.charAt(end) == '(') {
                int close = closingParenthesis(sql, end);
                args = arguments(sql.substring(end + 1, close));
                end = close + 1;
            }
            out.append(macro(name, args, range));
            position = end;
        }
        out.append(sql.substring(position));
        return out.toString();
    }

    private static String macro(String name, List<String> args, Range range) {
        long fromSeconds = range.from().getEpochSecond();
        long toSeconds = range.to().getEpochSecond();
        long intervalSeconds = Math.max(range.interval().toSeconds(), 1);
        return switch (name) {
            case "fromTime" -> "toDateTime(" + fromSeconds + ")";
            case "toTime" -> "toDateTime(" + toSeconds + ")";
            case "timeFilter" -> one(name, args) + " >= toDateTime(" + fromSeconds + ") AND " + one(name, args)
                    + " <= toDateTime(" + toSeconds + ")";
            case "dateFilter" -> one(name, args) + " >= toDate('" + UTC_DATE.format(range.from()) + "') AND "
                    + one(name, args) + " <= toDate('" + UTC_DATE.format(range.to()) + "')";
            case "timeInterval" -> "toStartOfInterval(toDateTime(" + one(name, args) + "), INTERVAL "
                    + intervalSeconds + " second)";
            default -> throw new IllegalArgumentException("macro not handled here: $__" + name);
        };
    }

    private static String one(String name, List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("$__" + name + " takes 1 argument, got " + args);
        }
        return args.get(0).strip();
    }

    private static Selection selection(Map<String, Selection> variables, String name) {
        Selection selection = variables.get(name);
        if (selection == null) {
            throw new IllegalArgumentException("no value for variable $" + name);
        }
        return selection;
    }

    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after: " + text.substring(open));
    }

    /** Splits at the commas outside parentheses, as the plugin does. */
    private static List<String> arguments(String inside) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        args.add(inside.substring(start));
        return args;
    }
}
