package com.xiaoneng.command.security;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo users' passwords are stored as BCrypt of cost at least 10 (the credential cache keeps requests cheap). */
class PasswordHashTest {
    @Test
    void demoUsersAreHashedWithBcryptCostAtLeastTen() {
        LocalUsers users = new LocalUsers();
        for (String name : new String[]{"admin", "agency", "agency-kashgar"}) {
            Matcher hash = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$.{53}")
                    .matcher(users.loadUserByUsername(name).getPassword());
            assertThat(hash.matches()).as("a BCrypt hash for %s", name).isTrue();
            assertThat(Integer.parseInt(hash.group(1))).as("BCrypt cost of %s", name).isGreaterThanOrEqualTo(10);
        }
    }
}
