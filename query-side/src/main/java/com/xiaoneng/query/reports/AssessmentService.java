package com.xiaoneng.query.reports;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.query.metrics.ComplianceRow;
import com.xiaoneng.query.metrics.CrossRegionRow;
import com.xiaoneng.query.metrics.GroupBy;
import com.xiaoneng.query.metrics.MetricsService;
import com.xiaoneng.query.metrics.RatingsRow;
import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.web.CaseFilter;
import com.xiaoneng.query.web.FilterParams;
import com.xiaoneng.regions.Regions;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.xiaoneng.query.web.Rates.rate;

/**
 * The assessment scoreboard: the metrics of the period per unit, a score from the configured weights
 * and a rank (1 + the number of units with a higher score; equal scores share a rank).
 */
@Service
public class AssessmentService {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final MetricsService metrics;
    private final ReportWeights weights;
    private final Clock clock;

    AssessmentService(MetricsService metrics, ReportWeights weights, Clock clock) {
        this.metrics = metrics;
        this.weights = weights;
        this.clock = clock;
    }

    public AssessmentReport assess(ReportPeriod period, GroupBy groupBy, String region, CurrentUser user) {
        CaseFilter filter = CaseFilter.of(new FilterParams(period.from(), period.to(), region, null, null, null),
                user, null, null);
        Instant now = clock.instant();
        Instant periodEnd = WorkingDayCalendar.endOf(period.to());
        Instant asOf = periodEnd.isBefore(now) ? periodEnd : now;
        Map<String, ComplianceRow> compliance = byKey(metrics.compliance(filter, groupBy, asOf).rows(), ComplianceRow::key);
        Map<String, RatingsRow> ratings = byKey(metrics.ratings(filter, groupBy).rows(), RatingsRow::key);
        Map<String, CrossRegionRow> cross = byKey(metrics.crossRegion(filter, groupBy).rows(), CrossRegionRow::key);

        Map<String, String> names = new TreeMap<>();
        compliance.values().forEach(r -> names.put(r.key(), r.name()));
        ratings.values().forEach(r -> names.putIfAbsent(r.key(), r.name()));
        cross.values().forEach(r -> names.putIfAbsent(r.key(), r.name()));

        List<AssessmentRow> unranked = new ArrayList<>();
        for (Map.Entry<String, String> unit : names.entrySet()) {
            ComplianceRow c = compliance.get(unit.getKey());
            RatingsRow r = ratings.get(unit.getKey());
            CrossRegionRow x = cross.get(unit.getKey());
            long completed = c == null ? 0 : c.completed();
            long openOverdue = c == null || c.openOverdue() == null ? 0 : c.openOverdue();
            BigDecimal notOverdue = rate(completed, completed + openOverdue);
            BigDecimal onTimeRate = c == null ? null : c.onTimeRate();
            BigDecimal goodRate = r == null ? null : r.goodRate();
            BigDecimal rectificationRate = r == null ? null : r.rectificationRate();
            unranked.add(new AssessmentRow(null, unit.getKey(), unit.getValue(), completed, onTimeRate, openOverdue,
                    notOverdue, r == null ? 0 : r.ratings(), goodRate, r == null ? 0 : r.bad(), rectificationRate,
                    x == null ? 0 : x.crossRegion(), score(onTimeRate, goodRate, rectificationRate, notOverdue)));
        }
        List<AssessmentRow> rows = unranked.stream()
                .map(row -> withRank(row, unranked))
                .sorted(Comparator.comparing(AssessmentRow::rank, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(AssessmentRow::code))
                .toList();
        return new AssessmentReport("绩效考核报告 Assessment report", period.label(), period.from(), period.to(),
                groupBy.parameter(), filter.region(), Regions.nameOf(filter.region()), asOf, now, user.name(),
                weights, rows);
    }

    /** 100 * sum(weight * component) / sum(weight) over the components that are defined, to 2 decimals. */
    BigDecimal score(BigDecimal onTimeRate, BigDecimal goodRate, BigDecimal rectificationRate, BigDecimal notOverdue) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weightSum = BigDecimal.ZERO;
        BigDecimal[][] parts = {{weights.onTimeRate(), onTimeRate}, {weights.goodRate(), goodRate},
                {weights.rectificationRate(), rectificationRate}, {weights.notOverdueShare(), notOverdue}};
        for (BigDecimal[] part : parts) {
            if (part[1] != null && part[0].signum() > 0) {
                weighted = weighted.add(part[0].multiply(part[1]));
                weightSum = weightSum.add(part[0]);
            }
        }
        return weightSum.signum() == 0 ? null
                : weighted.multiply(HUNDRED).divide(weightSum, 2, RoundingMode.HALF_UP);
    }

    private static AssessmentRow withRank(AssessmentRow row, List<AssessmentRow> all) {
        Integer rank = row.score() == null ? null
                : 1 + (int) all.stream().filter(o -> o.score() != null && o.score().compareTo(row.score()) > 0).count();
        return new AssessmentRow(rank, row.code(), row.name(), row.completed(), row.onTimeRate(), row.openOverdue(),
                row.notOverdueShare(), row.ratings(), row.goodRate(), row.bad(), row.rectificationRate(),
                row.crossRegion(), row.score());
    }

    private static <R> Map<String, R> byKey(List<R> rows, Function<R, String> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
