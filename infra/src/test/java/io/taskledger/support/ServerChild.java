package io.taskledger.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole server in a JVM of its own, started from the test classpath, for the tests that must kill or restart a
 * server (which the shared Spring context of {@link IntegrationTest} cannot survive). Its output goes to a log file
 * that a failure message names.
 */
public final class ServerChild implements AutoCloseable {

    /** The bootstrap administrator's password in every child server. */
    public static final String ADMIN_PASSWORD = "child-only-root-secret-8c1e";

    private final Process process;
    private final int port;
    private final Path log;

    private ServerChild(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server and waits until {@code /health} answers 200.
     *
     * @param settings further {@code --name=value} arguments, e.g. the data directory or the database
     */
    public static ServerChild start(Path log, List<String> settings) throws Exception {
        return start(log, freeLoopbackPort(), settings);
    }

    public static ServerChild start(Path log, int port, List<String> settings) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), "io.taskledger.TaskledgerApplication",
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--taskledger.security.admin-password=" + ADMIN_PASSWORD,
                "--taskledger.security.password.bcrypt-cost=4",
                "--logging.level.io.zonky=WARN"));
        command.addAll(settings);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServerChild child = new ServerChild(process, port, log);
        child.awaitHealthy(Duration.ofSeconds(180));
        return child;
    }

    private void awaitHealthy(Duration bound) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the server did not answer /health within " + bound + "; see " + log);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public ApiClient admin() {
        return new ApiClient(baseUrl()).loggedInAs("admin", ADMIN_PASSWORD);
    }

    /** The name this node's token claims and cluster heartbeat carry: its JVM's {@code pid@host}. */
    public String nodeId() {
        String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().split("@", 2)[1];
        return process.pid() + "@" + host;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM ends at once, without running any shutdown hook. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server did not exit");
        }
    }

    /** A graceful stop (SIGTERM), forced after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * A free loopback port below the kernel's ephemeral range (32768 and up here): a port from that range, free when
     * chosen, can be taken by any outgoing connection on the machine (other builds', the tests' own) before the child
     * binds it.
     */
    public static int freeLoopbackPort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(20000 + random.nextInt(12000), 1,
                    InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // another one
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
