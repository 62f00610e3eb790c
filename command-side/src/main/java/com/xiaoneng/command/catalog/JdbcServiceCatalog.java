package com.xiaoneng.command.catalog;

import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.regions.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The item list in PostgreSQL (V2__catalog.sql): immutable version rows plus a per-item row holding the current number. */
@Repository
public class JdbcServiceCatalog implements ServiceCatalog {
    private static final String COLUMNS = "code, version, name, type, legal_basis, agency_code, agency_name, region_code, "
            + "statutory_limit_days, promised_limit_days, cross_region_scope, fee_yuan, valid_from";

    private final JdbcClient jdbc;

    public JdbcServiceCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Saved(ServiceGuide guide, Outcome outcome) {
    }

    /** Optional criteria of {@link #list}; a prefecture or province region code also matches the regions below it. */
    public record Filter(String agencyCode, String regionCode, ItemType type) {
        public Filter {
            // "?agencyCode=" from a cleared form field means no criterion
            agencyCode = agencyCode == null || agencyCode.isBlank() ? null : agencyCode.strip();
            regionCode = regionCode == null || regionCode.isBlank() ? null : regionCode.strip();
        }
    }

    @Override
    public Optional<ServiceGuide> current(String code) {
        return CatalogSnapshot.current(code, this::read);
    }

    private Optional<ServiceGuide> read(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_item_current WHERE code = ?")
                .param(code)
                .query(JdbcServiceCatalog::guide)
                .optional();
    }

    @Override
    public Optional<ServiceGuide> version(String code, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_item_version WHERE code = ? AND version = ?")
                .params(code, version)
                .query(JdbcServiceCatalog::guide)
                .optional();
    }

    public List<ServiceGuide> versions(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_item_version WHERE code = ? ORDER BY version")
                .param(code)
                .query(JdbcServiceCatalog::guide)
                .list();
    }

    public List<ServiceGuide> list(Filter filter) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_item_current"
                        + " WHERE (CAST(:agency AS VARCHAR) IS NULL OR agency_code = :agency)"
                        + " AND (CAST(:type AS VARCHAR) IS NULL OR type = :type)"
                        + " ORDER BY code")
                .param("agency", filter.agencyCode())
                .param("type", filter.type() == null ? null : filter.type().name())
                .query(JdbcServiceCatalog::guide)
                .stream()
                // region roll-up (counties into prefectures, 652100 into 650400) lives in Regions, not SQL
                .filter(guide -> filter.regionCode() == null || Regions.contains(filter.regionCode(), guide.regionCode()))
                .toList();
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM service_item_version)").query(Boolean.class).single();
    }

    /**
     * Makes {@code terms} the current version of {@code code}, unless they already are. The item row is
     * locked first, so concurrent saves of one code queue up and each sees the number the previous one wrote.
     */
    @Transactional
    public Saved save(String code, GuideTerms terms) {
        jdbc.sql("INSERT INTO service_item (code, current_version) VALUES (?, 0) ON CONFLICT (code) DO NOTHING")
                .param(code)
                .update();
        int currentVersion = jdbc.sql("SELECT current_version FROM service_item WHERE code = ? FOR UPDATE")
                .param(code)
                .query(Integer.class)
                .single();
        if (currentVersion > 0) {
            ServiceGuide current = version(code, currentVersion).orElseThrow();
            if (GuideTerms.of(current).equals(terms)) {
                return new Saved(current, Outcome.UNCHANGED);
            }
        }
        // PostgreSQL keeps microseconds; truncate so the returned guide equals what a later read gives
        ServiceGuide next = terms.asVersion(code, currentVersion + 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("INSERT INTO service_item_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(next.code(), next.version(), next.name(), next.type().name(), next.legalBasis(),
                        next.agencyCode(), next.agencyName(), next.regionCode(), next.statutoryLimitDays(),
                        next.promisedLimitDays(), next.crossRegionScope().name(), next.feeYuan(),
                        next.validFrom().atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("UPDATE service_item SET current_version = ? WHERE code = ?")
                .params(next.version(), code)
                .update();
        return new Saved(next, currentVersion == 0 ? Outcome.CREATED : Outcome.UPDATED);
    }

    private static ServiceGuide guide(ResultSet row, int rowNumber) throws SQLException {
        return new ServiceGuide(
                row.getString("code"),
                row.getInt("version"),
                row.getString("name"),
                ItemType.valueOf(row.getString("type")),
                row.getString("legal_basis"),
                row.getString("agency_code"),
                row.getString("agency_name"),
                row.getString("region_code"),
                row.getInt("statutory_limit_days"),
                row.getInt("promised_limit_days"),
                CrossRegionScope.valueOf(row.getString("cross_region_scope")),
                row.getBigDecimal("fee_yuan"),
                row.getObject("valid_from", OffsetDateTime.class).toInstant());
    }
}
