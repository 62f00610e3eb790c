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
        for (String name : new String[] {"SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS", "SERVER_PORT"}) {
            System.out.println(name + "=" + System.getenv(name));
        }
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
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
