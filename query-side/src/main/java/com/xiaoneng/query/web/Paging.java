package com.xiaoneng.query.web;

import java.util.Map;

/**
 * A validated page request: page from 0, size 1..1000, and a sort column chosen from a whitelist
 * (the SQL expression comes from the whitelist, never from the request).
 */
public record Paging(int page, int size, String sortKey, String orderBy) {
    public static final int MAX_SIZE = 1000;

    /** {@code sort} is {@code column} or {@code column,asc|desc}; {@code columns} maps names to SQL expressions. */
    public static Paging of(Integer page, Integer size, String sort, Map<String, String> columns, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw new BadRequestException("page", "min_0", "page must be >= 0, was " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new BadRequestException("size", "range_1_1000", "size must be 1.." + MAX_SIZE + ", was " + s);
        }
        String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",", -1);
        String expression = columns.get(parts[0]);
        String direction = parts.length > 1 ? parts[1].toLowerCase() : "asc";
        if (expression == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new BadRequestException("sort", "one_of",
                    "sort must be one of " + columns.keySet() + ", optionally followed by ,asc or ,desc; was '" + sort + "'");
        }
        return new Paging(p, s, parts[0] + "," + direction, expression + " " + direction.toUpperCase());
    }

    public long offset() {
        return (long) page * size;
    }
}
