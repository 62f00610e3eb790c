package com.xiaoneng.query.metrics;

import com.xiaoneng.query.web.CaseFilter;
import com.xiaoneng.regions.Regions;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.xiaoneng.query.web.Rates.rate;
import static com.xiaoneng.query.web.Rates.ratio;

/** Turns the counts of {@link MetricsQueries} into rows with rates; the total sums the groups' counts. */
@Service
public class MetricsService {
    private final MetricsQueries queries;

    MetricsService(MetricsQueries queries) {
        this.queries = queries;
    }

    public Metrics<ComplianceRow> compliance(CaseFilter filter, GroupBy groupBy, Instant asOf) {
        Tally tally = new Tally();
        boolean overdueByGroup = groupBy != GroupBy.MONTH;
        Tally overdue = new Tally();
        queries.compliance(filter, groupBy, overdueByGroup ? groupBy : GroupBy.NONE, asOf, tally, overdue);
        if (overdueByGroup) {
            overdue.keys().forEach(key -> tally.add(key, "open_overdue", overdue.get(key, "open_overdue")));
        }
        List<ComplianceRow> rows = rows(groupBy, tally, (key, name) -> compliance(key, name,
                column -> tally.get(key, column), overdueByGroup ? tally.get(key, "open_overdue") : null));
        ComplianceRow total = compliance(null, null, tally::total, overdue.total("open_overdue"));
        return new Metrics<>(applied(filter, asOf), groupBy.parameter(), groupBy == GroupBy.NONE ? List.of(total) : rows,
                total);
    }

    public Metrics<CrossRegionRow> crossRegion(CaseFilter filter, GroupBy groupBy) {
        Tally tally = new Tally();
        queries.crossRegion(filter, groupBy, tally);
        List<CrossRegionRow> rows = rows(groupBy, tally, (key, name) -> crossRegion(key, name, column -> tally.get(key, column)));
        CrossRegionRow total = crossRegion(null, null, tally::total);
        return new Metrics<>(applied(filter, null), groupBy.parameter(), groupBy == GroupBy.NONE ? List.of(total) : rows,
                total);
    }

    public Metrics<RatingsRow> ratings(CaseFilter filter, GroupBy groupBy) {
        Tally tally = new Tally();
        queries.ratings(filter, groupBy, tally);
        List<RatingsRow> rows = rows(groupBy, tally, (key, name) -> ratings(key, name, column -> tally.get(key, column)));
        RatingsRow total = ratings(null, null, tally::total);
        return new Metrics<>(applied(filter, null), groupBy.parameter(), groupBy == GroupBy.NONE ? List.of(total) : rows,
                total);
    }

    private static ComplianceRow compliance(String key, String name, Function<String, Long> count, Long openOverdue) {
        long completed = count.apply("completed");
        long onTime = count.apply("on_time");
        return new ComplianceRow(key, name, completed, onTime, completed - onTime, rate(onTime, completed),
                ratio(count.apply("working_days"), completed, 2), openOverdue);
    }

    private static CrossRegionRow crossRegion(String key, String name, Function<String, Long> count) {
        long submitted = count.apply("submitted_cases");
        long within = count.apply("within_region");
        long crossProvince = count.apply("cross_province");
        long completed = count.apply("cross_completed");
        long onTime = count.apply("cross_on_time");
        return new CrossRegionRow(key, name, submitted, count.apply("local"), within, crossProvince,
                rate(within + crossProvince, submitted), completed, onTime, rate(onTime, completed));
    }

    private static RatingsRow ratings(String key, String name, Function<String, Long> count) {
        long ratings = count.apply("ratings");
        long good = count.apply("good");
        long bad = count.apply("bad");
        long rectified = count.apply("rectified");
        return new RatingsRow(key, name, ratings, good, count.apply("neutral"), bad, count.apply("defaulted"),
                rate(good, ratings), rectified, count.apply("rectified_on_time"), rate(rectified, bad));
    }

    private interface RowFactory<R> {
        R row(String key, String name);
    }

    private <R> List<R> rows(GroupBy groupBy, Tally tally, RowFactory<R> factory) {
        List<String> keys = new ArrayList<>();
        tally.keys().forEach(keys::add);
        Map<String, String> names = queries.names(groupBy, keys);
        List<R> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(factory.row(key, name(groupBy, key, names)));
        }
        return rows;
    }

    private static String name(GroupBy groupBy, String key, Map<String, String> names) {
        return switch (groupBy) {
            case PREFECTURE -> key.isEmpty() ? null : Regions.nameOf(key);
            case REGION -> !key.isEmpty() && (Regions.isPrefecture(key) || Regions.isProvince(key)) ? Regions.nameOf(key) : null;
            case AGENCY, ITEM -> names.get(key);
            default -> null;
        };
    }

    private static Metrics.Applied applied(CaseFilter filter, Instant asOf) {
        return new Metrics.Applied(filter.from(), filter.to(), filter.region(), filter.agency(), filter.itemCode(),
                filter.channel(), asOf);
    }
}
