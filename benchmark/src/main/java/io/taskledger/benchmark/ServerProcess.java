package io.taskledger.benchmark;

import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server in a process of its own, with the application's production settings and a chosen heap. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    final int port;
    /** From launching the JVM to the first 200 on /health. */
    final Duration startup;

    private ServerProcess(Process process, int port, Duration startup) {
        this.process = process;
        this.port = port;
        this.startup = startup;
    }

    /**
     * @param environment on top of ours: the database to use (none: the embedded one), the admin password for auth
     */
    static ServerProcess start(Path jar, String heap, List<String> jvmOptions, Map<String, String> environment,
                               Path log) throws Exception {
        return start(jar, heap, jvmOptions, environment, log, freeLoopbackPort());
    }

    /** On the given loopback port, e.g. one a load balancer's configuration names. */
    static ServerProcess start(Path jar, String heap, List<String> jvmOptions, Map<String, String> environment,
                               Path log, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        // Launched as the README says: with the class-data-sharing archive the build trained next to the jar. Not
        // under a flight recording: JDK 17 crashed (SIGSEGV in check_shared_class_file_load_hook) with both.
        Path classDataArchive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        boolean recording = jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:StartFlightRecording"));
        if (Files.exists(classDataArchive) && !recording) {
            command.add("-XX:SharedArchiveFile=" + classDataArchive);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A null value removes the variable, e.g. the database URL for a run on the embedded database.
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Files.createDirectories(log.getParent());
        long launchedAt = System.nanoTime();
        Process process = builder.start();
        Duration startup = awaitHealthy(process, port, launchedAt);
        return new ServerProcess(process, port, startup);
    }

    private static Duration awaitHealthy(Process process, int port, long launchedAt) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = launchedAt + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAt);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not answer /health within 180 s");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Graceful stop (SIGTERM), forced after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
