package com.xiaoneng.query.clickhouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Hikari pool of clickhouse-jdbc connections, and the table names. */
@Configuration
public class ClickHouseConfig {

    @Bean(destroyMethod = "close")
    HikariDataSource clickHouse(ClickHouseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("clickhouse");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.user());
        config.setPassword(properties.password() == null ? "" : properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    @Bean
    ClickHouseTables clickHouseTables(ClickHouseProperties properties) {
        return new ClickHouseTables(properties.database());
    }
}
