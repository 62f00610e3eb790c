package com.xiaoneng.command.security;

import com.xiaoneng.command.CommandSideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProdProfileTest {
    @Test
    void prodRefusesToStartWithTheLocalUsers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("prod")
                .run("--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                        "--spring.flyway.enabled=false", "--xiaoneng.publishing.enabled=false",
                        "--xiaoneng.security.local-users=true",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"))
                .hasStackTraceContaining("profile prod must not run with the local demo users");
    }

    @Test
    void prodRefusesToStartWithoutADatasourceUrlInsteadOfAnEmbeddedPostgres(@TempDir Path dir) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("prod")
                .run("--server.port=0", "--xiaoneng.embedded-postgres.data-dir=" + dir.resolve("pg"),
                        "--xiaoneng.security.local-users=false",
                        "--xiaoneng.publishing.enabled=false",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/issuer"))
                .hasStackTraceContaining("profile prod needs its PostgreSQL: set SPRING_DATASOURCE_URL");
        assertThat(dir.resolve("pg")).doesNotExist();
    }
}
