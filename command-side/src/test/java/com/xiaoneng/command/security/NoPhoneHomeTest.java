package com.xiaoneng.command.security;

import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.command.support.EmbeddedPostgresInitializer;
import org.axonframework.updates.UpdateChecker;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the command side (whole application, web server on a free port, embedded PostgreSQL) contacts nothing
 * but loopback, in particular not AxonIQ's usage server (issue 10 §9: 35 reports in 33 minutes although
 * application.yml set a key the library does not read).
 *
 * <p>Two probes: a {@link ProxySelector} that records every destination that {@code HttpURLConnection} (the update
 * checker's client), {@code java.net.http} and plain {@code java.net.Socket} connects (JDBC) ask it about, before any
 * name lookup, and answers a closed loopback port for anything else, so nothing leaves the machine; and, at the end,
 * every TCP socket the process holds (/proc, which also sees NIO channels such as Kafka's) must be to loopback.
 *
 * <p>The library hides its checker from test runs (it looks for JUnit on the stack);
 * {@code axoniq.usage.force-test-environment=true} makes it behave as in production. The second test turns the
 * switch off and shows the probe then sees the checker, so the first one would have caught it.
 */
class NoPhoneHomeTest {
    private static final String FORCE_PRODUCTION_BEHAVIOUR = "axoniq.usage.force-test-environment";
    private static final Duration OBSERVED = Duration.ofSeconds(10);

    private final ProxySelector original = ProxySelector.getDefault();
    private Recorder recorder;

    @BeforeEach
    void install() throws IOException {
        recorder = new Recorder(original, closedLoopbackPort());
        ProxySelector.setDefault(recorder);
        System.setProperty(FORCE_PRODUCTION_BEHAVIOUR, "true");
    }

    @AfterEach
    void restore() {
        System.clearProperty(FORCE_PRODUCTION_BEHAVIOUR);
        ProxySelector.setDefault(original);
    }

    @Test
    void startingTheAppContactsOnlyLoopback() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBeansOfType(UpdateChecker.class)).as("the checker runs as in production").hasSize(1);
            // the checker's first report goes one second after start, then again at the server's interval
            Instant end = Instant.now().plus(OBSERVED);
            while (Instant.now().isBefore(end) && recorder.outside().isEmpty()) {
                Thread.sleep(100);
            }
            assertThat(recorder.outside()).as("destinations beyond loopback").isEmpty();
            assertThat(recorder.asked()).as("the probe sees the database connections")
                    .anyMatch(uri -> uri.getScheme().equals("socket"));
            assertThat(tcpPeersOutsideLoopback()).as("open TCP connections beyond loopback").isEmpty();
            assertThat(app.getBean("usagePropertyProvider", UsagePropertyProvider.class).getDisabled())
                    .as("the switch the checker reads").isTrue();
        }
    }

    @Test
    void withTheSwitchOffTheProbeSeesTheUpdateChecker() throws Exception {
        try (ConfigurableApplicationContext app = start("--axon.update-check.disabled=false")) {
            Instant end = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(end) && recorder.outside().isEmpty()) {
                Thread.sleep(100);
            }
            assertThat(recorder.outside()).as("what the checker asked for")
                    .anyMatch(uri -> uri.getHost().equals("get.axoniq.io"));
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(new EmbeddedPostgresInitializer())
                .run(all.toArray(String[]::new));
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Records what it is asked about; sends anything beyond loopback to a closed loopback port. */
    static final class Recorder extends ProxySelector {
        private final ProxySelector fallback;
        private final InetSocketAddress sink;
        private final List<URI> asked = new CopyOnWriteArrayList<>();

        Recorder(ProxySelector fallback, int closedPort) {
            this.fallback = fallback;
            this.sink = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
        }

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            if (isLoopback(uri.getHost())) {
                return fallback.select(uri);
            }
            return List.of(new Proxy("socket".equals(uri.getScheme()) ? Proxy.Type.SOCKS : Proxy.Type.HTTP, sink));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
        }

        List<URI> asked() {
            return List.copyOf(asked);
        }

        List<URI> outside() {
            return asked.stream().filter(uri -> !isLoopback(uri.getHost())).toList();
        }
    }

    /** Only "localhost" and loopback literals; any other name would need a lookup and counts as outside. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equals("localhost")) {
            return true;
        }
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Remote ends of this process's TCP sockets (not listening ones) that are not loopback, from /proc. */
    static List<String> tcpPeersOutsideLoopback() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assertThat(fds).as("Linux /proc").isDirectory();
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> outside = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // fields: sl local remote state ... inode (10th)
                if (!inodes.contains(fields[9]) || fields[3].equals("0A")) {
                    continue;
                }
                InetAddress remote = procAddress(fields[2].substring(0, fields[2].indexOf(':')));
                if (!remote.isLoopbackAddress() && !remote.isAnyLocalAddress()) {
                    outside.add(remote.getHostAddress() + ":" + Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16));
                }
            }
        }
        return outside;
    }

    /** /proc/net/tcp* print addresses as 32-bit words in host (little-endian) order; ::ffff:a.b.c.d comes back IPv4. */
    private static InetAddress procAddress(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
