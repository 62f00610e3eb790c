package com.xiaoneng.chdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers shared by the embedded services and the launcher. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (tests pass 0 to mean "any free port"). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** {@code port}, or a free port when it is 0. */
    public static int resolve(int port) {
        return port == 0 ? freePort() : port;
    }

    /** Whether a server could bind 127.0.0.1:{@code port} now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // a socket of our own previous run in TIME_WAIT must not count as "in use"
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with {@link PortInUseException} when {@code port} cannot be bound. */
    public static void requireFree(int port, String service) {
        if (!isFree(port)) {
            throw new PortInUseException(port, service);
        }
    }
}
