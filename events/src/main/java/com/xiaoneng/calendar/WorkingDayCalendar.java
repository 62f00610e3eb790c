package com.xiaoneng.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days under the State Council's holiday notices (行政许可法 Art. 82), Asia/Shanghai.
 * Each year is a data file {@code calendar/YYYY.txt} on the classpath; a year without one falls
 * back to Monday–Friday and every result that depended on it is marked provisional.
 */
public final class WorkingDayCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final System.Logger LOG = System.getLogger(WorkingDayCalendar.class.getName());
    private static final WorkingDayCalendar DEFAULT = new WorkingDayCalendar(loadYears(2000, 2100));

    private final Map<Integer, YearData> years;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    public WorkingDayCalendar(Map<Integer, YearData> years) {
        this.years = Map.copyOf(years);
    }

    /** The calendar with every year shipped in {@code calendar/}. */
    public static WorkingDayCalendar shipped() {
        return DEFAULT;
    }

    /** Holidays (not worked although a weekday) and make-up days (worked although a weekend) of one year. */
    public record YearData(Set<LocalDate> holidays, Set<LocalDate> makeUpDays) {
        public YearData {
            holidays = Set.copyOf(holidays);
            makeUpDays = Set.copyOf(makeUpDays);
        }
    }

    /** A due day and whether any year it was counted across lacked holiday data. */
    public record Due(LocalDate day, boolean provisional) {
        /** 24:00 local time of the due day, the instant a case is due. */
        public Instant instant() {
            return endOf(day);
        }
    }

    public boolean hasData(int year) {
        return years.containsKey(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        YearData data = years.get(day.getYear());
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (data == null) {
            warnMissing(day.getYear());
            return !weekend;
        }
        if (data.makeUpDays.contains(day)) {
            return true;
        }
        return !weekend && !data.holidays.contains(day);
    }

    /** The N-th working day after {@code from}; N = 0 gives {@code from} itself. */
    public Due addWorkingDays(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must be >= 0, was " + n);
        }
        boolean provisional = false;
        LocalDate day = from;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            provisional |= !hasData(day.getYear());
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return new Due(day, provisional);
    }

    /** Working days d with {@code after} < d ≤ {@code upTo}; 0 when {@code upTo} is not after {@code after}. */
    public int workingDaysBetween(LocalDate after, LocalDate upTo) {
        int count = 0;
        for (LocalDate day = after.plusDays(1); !day.isAfter(upTo); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** Whether counting from {@code after} to {@code upTo} relied on a year without data. */
    public boolean provisionalBetween(LocalDate after, LocalDate upTo) {
        for (int year = after.getYear(); year <= upTo.getYear(); year++) {
            if (!hasData(year)) {
                return true;
            }
        }
        return false;
    }

    /** Due date of an acceptance: end of the N-th working day after the acceptance day. */
    public Due dueAfterAcceptance(Instant acceptedAt, int limitDays) {
        return addWorkingDays(localDay(acceptedAt), limitDays);
    }

    public static LocalDate localDay(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** The local day an end-of-day instant closes (24:00 belongs to the day before). */
    public static LocalDate dayEndingAt(Instant endOfDay) {
        return localDay(endOfDay.minusNanos(1));
    }

    private void warnMissing(int year) {
        if (warnedYears.add(year)) {
            LOG.log(System.Logger.Level.WARNING, "No holiday data for {0}: counting Monday-Friday as working days"
                    + " and marking due dates provisional. Add calendar/{0}.txt from the State Council notice.",
                    String.valueOf(year));
        }
    }

    private static Map<Integer, YearData> loadYears(int first, int last) {
        Map<Integer, YearData> loaded = new HashMap<>();
        for (int year = first; year <= last; year++) {
            try (InputStream in = WorkingDayCalendar.class.getResourceAsStream("/calendar/" + year + ".txt")) {
                if (in != null) {
                    loaded.put(year, parse(year, in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /**
     * Lines: {@code YYYY-MM-DD holiday|workday [note]}; '#' starts a comment. Every date must lie in
     * {@code year}, holidays on weekdays-or-weekends and make-up days on weekends only.
     */
    static YearData parse(int year, InputStream in) throws IOException {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> makeUp = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String content = line.replaceFirst("#.*", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] parts = content.split("\\s+");
            LocalDate day = LocalDate.parse(parts[0]);
            if (day.getYear() != year) {
                throw new IllegalStateException("calendar/" + year + ".txt line " + number + ": " + day + " is not in " + year);
            }
            switch (parts.length > 1 ? parts[1] : "") {
                case "holiday" -> holidays.add(day);
                case "workday" -> {
                    if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        throw new IllegalStateException("calendar/" + year + ".txt line " + number
                                + ": make-up day " + day + " is not a weekend day");
                    }
                    makeUp.add(day);
                }
                default -> throw new IllegalStateException("calendar/" + year + ".txt line " + number
                        + ": expected 'holiday' or 'workday'");
            }
        }
        return new YearData(holidays, makeUp);
    }
}
