package com.xiaoneng.query.web;

import java.util.List;

/** One page of rows and the total over all pages. */
public record Page<T>(int page, int size, String sort, long total, long totalPages, List<T> rows) {
    public static <T> Page<T> of(Paging paging, long total, List<T> rows) {
        return new Page<>(paging.page(), paging.size(), paging.sortKey(), total,
                (total + paging.size() - 1) / paging.size(), rows);
    }
}
