package com.xiaoneng.localstack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address the local services and apps listen on (BIND_ADDRESS): 127.0.0.1 keeps them to this machine; any other
 * address, 0.0.0.0 in particular, lets the network reach them.
 *
 * @param host an IP address literal, e.g. 127.0.0.1, 0.0.0.0, 192.168.1.20 or ::1
 */
public record BindAddress(String host) {

    // before LOOPBACK: the constructor needs it
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    public static final BindAddress LOOPBACK = new BindAddress("127.0.0.1");

    public BindAddress {
        host = host == null ? "" : host.strip();
        // literals only: a host name would need DNS, and could resolve elsewhere tomorrow
        if (!(ipv4(host) || host.contains(":")) || address(host) == null) {
            throw new IllegalArgumentException("BIND_ADDRESS must be an IP address such as 127.0.0.1 or 0.0.0.0, got '"
                    + host + "'");
        }
    }

    public InetAddress inetAddress() {
        return address(host);
    }

    public boolean isLoopback() {
        return inetAddress().isLoopbackAddress();
    }

    /** 0.0.0.0 or ::, every interface of the machine. */
    public boolean isWildcard() {
        return inetAddress().isAnyLocalAddress();
    }

    /** Where a client on this machine connects: the address itself, or 127.0.0.1 for a wildcard. */
    public String connectHost() {
        return isWildcard() ? LOOPBACK.host : host;
    }

    /** {@link #connectHost()} as it goes into a URL (an IPv6 address in brackets). */
    public String urlHost() {
        String h = connectHost();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The line the launcher prints when the stack is reachable beyond this machine; null on loopback. */
    public String warning() {
        if (isLoopback()) {
            return null;
        }
        return "WARNING: BIND_ADDRESS=" + host + ": PostgreSQL, Kafka, ClickHouse and the apps listen "
                + (isWildcard() ? "on every network interface" : "on " + host)
                + ", not only on 127.0.0.1. Anyone who reaches this machine can try the demo users' published"
                + " passwords, and Kafka has no authentication at all. Unset BIND_ADDRESS to keep the stack local.";
    }

    private static boolean ipv4(String host) {
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress address(String literal) {
        try {
            // a literal is parsed, never looked up
            return InetAddress.getByName(literal);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
