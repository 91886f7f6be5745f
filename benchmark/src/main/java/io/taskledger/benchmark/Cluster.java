package io.taskledger.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server nodes over the run's PostgreSQL behind HAProxy, on loopback ports, as cluster/cluster.sh runs them: node I on
 * base port + I, and HAProxy with the configuration cluster.sh derives from deploy/haproxy/haproxy.cfg (reads to the
 * nodes ready for the query role, the rest to those ready for the command role). Nodes are added one at a time;
 * HAProxy is restarted over all of them after each. Everything it started stops on {@link #close()}.
 */
final class Cluster implements AutoCloseable {

    private final Settings settings;
    private final Map<String, String> environment;
    private final Path directory;
    private final int basePort;
    final int balancerPort;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private Process haproxy;

    /** @param environment every node's: the database, the admin password, the one signing key */
    Cluster(Settings settings, Map<String, String> environment) throws IOException {
        this.settings = settings;
        this.environment = environment;
        this.directory = settings.workDir().resolve("scaleout").toAbsolutePath();
        Files.createDirectories(directory);
        // Node I on base + I, HAProxy on the port after the last node's.
        this.basePort = freeBasePort(Settings.MAX_SCALEOUT_NODES + 1);
        this.balancerPort = basePort + Settings.MAX_SCALEOUT_NODES + 1;
    }

    List<ServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** Starts one more node, waits for its /health, and puts every node behind HAProxy. */
    ServerProcess addNode() throws Exception {
        int number = nodes.size() + 1;
        if (number > Settings.MAX_SCALEOUT_NODES) {
            throw new IllegalStateException("at most " + Settings.MAX_SCALEOUT_NODES + " nodes");
        }
        ServerProcess node = ServerProcess.start(settings.jar(), settings.serverHeap(), settings.serverJvmOptions(),
                environment, directory.resolve("node-" + number + ".log"), basePort + number);
        nodes.add(node);
        balanceOverEveryNode();
        return node;
    }

    private void balanceOverEveryNode() throws Exception {
        stopBalancer();
        Process written = configWriter().start();
        written.getOutputStream().close();
        String output = new String(written.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!written.waitFor(30, TimeUnit.SECONDS) || written.exitValue() != 0) {
            throw new IllegalStateException("cluster/cluster.sh haproxy-config failed: " + output);
        }
        haproxy = new ProcessBuilder(haproxyCommand(), "-db", "-f", directory.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("haproxy.log").toFile()))
                .start();
        awaitEveryNodeInRotation();
    }

    /** cluster.sh's settings for its configuration: this run's directory and ports. */
    private ProcessBuilder configWriter() {
        ProcessBuilder builder = new ProcessBuilder("cluster/cluster.sh", "haproxy-config",
                Integer.toString(nodes.size())).redirectErrorStream(true);
        builder.environment().put("CLUSTER_DIR", directory.toString());
        builder.environment().put("LB_PORT", Integer.toString(balancerPort));
        builder.environment().put("NODE_BASE_PORT", Integer.toString(basePort));
        return builder;
    }

    private static String haproxyCommand() {
        for (String directory : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(directory, "haproxy"))) {
                return Path.of(directory, "haproxy").toString();
            }
        }
        throw new IllegalStateException("haproxy is missing: run.sh installs Debian's haproxy for --scenarios=scaleout"
                + " when run as root; otherwise apt-get install -y haproxy");
    }

    /**
     * HAProxy counts a node in after two good checks 500 ms apart; until then the first node takes all. Waits (at
     * most 30 s) until /health answers through HAProxy, then for the checks of the newest node.
     */
    private void awaitEveryNodeInRotation() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancerPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int answered = 0;
        while (answered < 2 * nodes.size()) {
            if (System.nanoTime() > deadline || !haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy did not answer /health with every node within 30 s; see "
                        + directory.resolve("haproxy.log"));
            }
            try {
                answered = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        ? answered + 1 : 0;
            } catch (IOException notYet) {
                answered = 0;
            }
            Thread.sleep(100);
        }
        Thread.sleep(1500);
    }

    private void stopBalancer() throws InterruptedException {
        if (haproxy != null && haproxy.isAlive()) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopBalancer();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    /**
     * A port p such that p + 1 ... p + count are free on loopback now, below the kernel's ephemeral ports (32768 and
     * up on Linux), where the load generator's own connections cannot take one before a node binds it.
     */
    private static int freeBasePort(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20000 + random.nextInt(12000);
            if (allFree(base + 1, count)) {
                return base;
            }
        }
        throw new IllegalStateException("found no " + count + " free consecutive loopback ports below 32768");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
