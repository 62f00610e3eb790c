package com.xiaoneng.query.reports;

import com.xiaoneng.query.web.BadRequestException;
import com.xiaoneng.query.web.CaseFilter;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An assessment period: a year (2025), a quarter (2025-Q3) or a month (2025-07); local days, inclusive. */
public record ReportPeriod(String label, LocalDate from, LocalDate to) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");

    public static ReportPeriod parse(String value) {
        Matcher m = value == null ? null : FORMAT.matcher(value);
        if (m == null || !m.matches()) {
            throw new BadRequestException("period", "year_quarter_or_month",
                    "period must be like 2025, 2025-Q3 or 2025-07, was '" + value + "'");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < CaseFilter.FIRST_DAY.getYear() || year > CaseFilter.LAST_DAY.getYear()) {
            throw new BadRequestException("period", "year_range", "period's year must lie within "
                    + CaseFilter.FIRST_DAY.getYear() + ".." + CaseFilter.LAST_DAY.getYear() + ", was " + year);
        }
        if (m.group(2) != null) {
            YearMonth first = YearMonth.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1);
            return new ReportPeriod(value, first.atDay(1), first.plusMonths(2).atEndOfMonth());
        }
        if (m.group(3) != null) {
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(3)));
            return new ReportPeriod(value, month.atDay(1), month.atEndOfMonth());
        }
        return new ReportPeriod(value, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }
}
