package com.xiaoneng.query.clickhouse;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ClickHouse tables are. Own properties rather than spring.datasource.*: the local-stack
 * launcher hands every app SPRING_DATASOURCE_URL for the command side's PostgreSQL.
 */
@ConfigurationProperties("xiaoneng.clickhouse")
public record ClickHouseProperties(String url, String user, String password, String database, int poolSize) {
}
