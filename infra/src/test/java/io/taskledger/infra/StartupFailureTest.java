package io.taskledger.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that cannot finish never reports ready: here the admin password breaks the password policy. The server runs
 * in a JVM of its own, because a failed start ends its process, on an embedded PostgreSQL in a temporary directory.
 */
class StartupFailureTest {

    private static final Duration START_BOUND = Duration.ofMinutes(3);

    @Test
    void a_start_that_fails_exits_non_zero_before_answering_anything_and_logs_the_reason_last(@TempDir Path dir)
            throws Exception {
        int port = freePort();
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), "io.taskledger.TaskledgerApplication",
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--taskledger.data-dir=" + dir.resolve("data"),
                "--taskledger.security.admin-password=the-admin-passphrase")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("TASKLEDGER_"));
        Process server = builder.start();
        List<String> answers = new ArrayList<>();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            Instant deadline = Instant.now().plus(START_BOUND);
            while (server.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                    answers.add(answer.statusCode() + " " + answer.body());
                } catch (ConnectException refused) {
                    // The port is not open: what a start that has not finished must look like.
                }
                Thread.sleep(20);
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped by itself").isTrue();
        } finally {
            server.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertThat(server.exitValue()).as(String.join("\n", lines)).isEqualTo(1);
        assertThat(answers).as("answers to /health before the process ended").isEmpty();
        assertThat(lines.get(lines.size() - 1)).contains("Taskledger did not start: cannot open the 'admin' account: "
                + "password must not contain the username");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
