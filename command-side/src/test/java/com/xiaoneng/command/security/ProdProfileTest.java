package com.xiaoneng.command.security;

import com.xiaoneng.command.CommandSideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile prod refuses to start with what belongs to local runs only (ProductionGuard). */
class ProdProfileTest {
    static final String NO_DATASOURCE = "profile prod needs its PostgreSQL: set SPRING_DATASOURCE_URL";

    @Test
    void prodRefusesToStartWithTheLocalUsers() {
        assertThatThrownBy(() -> startProd("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--spring.flyway.enabled=false", "--xiaoneng.security.local-users=true"))
                .hasStackTraceContaining("profile prod must not run with the local demo users");
    }

    @Test
    void prodRefusesToStartWithoutADatasourceUrlAndStartsNoEmbeddedPostgres(@TempDir Path dir) {
        // where the embedded PostgreSQL would keep its data and password
        String dataDir = "--xiaoneng.embedded-postgres.data-dir=" + dir.resolve("postgres");
        assertThatThrownBy(() -> startProd(dataDir)).hasStackTraceContaining(NO_DATASOURCE);
        // nor with the URL that asks for the embedded one
        assertThatThrownBy(() -> startProd(dataDir, "--spring.datasource.url=embedded"))
                .hasStackTraceContaining(NO_DATASOURCE);
        assertThat(dir).isEmptyDirectory();
    }

    private static void startProd(String... args) {
        new SpringApplicationBuilder(CommandSideApplication.class).profiles("prod")
                .run(Stream.concat(Stream.of("--server.port=0", "--xiaoneng.publishing.enabled=false",
                                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"),
                        Stream.of(args)).toArray(String[]::new));
    }
}
