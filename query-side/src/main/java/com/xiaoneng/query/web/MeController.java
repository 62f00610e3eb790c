package com.xiaoneng.query.web;

import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.web.security.Role;
import com.xiaoneng.regions.Regions;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static com.xiaoneng.calendar.WorkingDayCalendar.ZONE;

/**
 * The signed-in caller, for the audit workbench: it checks the credentials with this call and builds
 * its region selector and role-dependent sections from the answer.
 */
@RestController
public class MeController {
    private final Clock clock;

    MeController(Clock clock) {
        this.clock = clock;
    }

    /** A region code and its name (null below prefecture level). */
    public record RegionOption(String code, String name) {
    }

    /**
     * today is the server's local day (Asia/Shanghai): the default period end of every query, so the page
     * asks for the same period the API would default to.
     */
    public record Me(String user, List<Role> roles, RegionOption scope, List<RegionOption> prefectures,
                     LocalDate today) {
    }

    @Operation(summary = "Who is signed in: roles, region scope and the prefectures within it")
    @GetMapping("/api/me")
    public Me me(CurrentUser user) {
        String scope = user.region();
        return new Me(user.name(), user.roles().stream().sorted().toList(),
                new RegionOption(scope, nameOf(scope)), prefecturesWithin(scope), LocalDate.now(clock.withZone(ZONE)));
    }

    /** Regions knows names of Xinjiang and its prefectures; for a county it would answer its prefecture's. */
    private static String nameOf(String code) {
        String name = Regions.nameOf(code);
        return Regions.isProvince(code) || Regions.isPrefecture(code) ? (name.equals(code) ? null : name) : null;
    }

    /** The prefectures to pick from: below a province scope only (names are known for Xinjiang). */
    private static List<RegionOption> prefecturesWithin(String scope) {
        return Regions.XINJIANG.equals(scope)
                ? Regions.xinjiangPrefectures().entrySet().stream()
                        .map(e -> new RegionOption(e.getKey(), e.getValue())).toList()
                : List.of();
    }
}
