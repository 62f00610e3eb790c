package com.xiaoneng.localstack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** This machine's own addresses, to show that a service listens on loopback only. */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /** An IPv4 address of an interface of this machine other than loopback (the tests that need one skip without). */
    public static InetAddress nonLoopback() {
        Optional<InetAddress> found = find();
        assumeTrue(found.isPresent(), "this machine has no non-loopback IPv4 address");
        return found.get();
    }

    public static Optional<InetAddress> find() {
        Optional<InetAddress> found = Optional.empty();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    found = Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                            .findFirst();
                    if (found.isPresent()) {
                        break;
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: same as none
        }
        return found;
    }

    /** Whether a TCP connection to {@code address:port} is accepted. */
    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
