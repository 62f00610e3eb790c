package com.xiaoneng.localstack;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a Spring Boot app in the launcher test: serves /actuator/health on SERVER_PORT and prints the
 * environment the launcher handed it (to its log).
 */
public final class FakeHttpApp {

    private FakeHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
                "SERVER_ADDRESS", "SERVER_PORT", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD"}) {
            System.out.println(name + "=" + System.getenv(name));
        }
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        // as Spring Boot's server.address: every interface when unset
        String address = System.getenv("SERVER_ADDRESS");
        HttpServer server = HttpServer.create(address == null ? new InetSocketAddress(port)
                : new InetSocketAddress(InetAddress.getByName(address), port), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake app up on " + port);
    }
}
