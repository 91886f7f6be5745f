package io.taskledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the load generator: java.net.http with asynchronous requests, so a thousand connections need no
 * thousand threads. Keep-alive connections are pooled by the client; each in-flight request holds one. Loopback only.
 */
final class Http implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService callbacks;
    private final HttpClient client;
    private final String base;

    Http(int port) {
        // Few threads on purpose: two cores are shared with the server and PostgreSQL.
        this.callbacks = Executors.newFixedThreadPool(2, daemon("http-callbacks"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(callbacks)
                .build();
        this.base = "http://127.0.0.1:" + port;
    }

    CompletableFuture<HttpResponse<String>> get(String path, String bearerToken) {
        return client.sendAsync(request(path, bearerToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A conditional GET: {@code If-None-Match} with the entity tag an earlier answer carried. */
    CompletableFuture<HttpResponse<String>> getIfNoneMatch(String path, String bearerToken, String entityTag) {
        HttpRequest.Builder builder = request(path, bearerToken);
        if (entityTag != null) {
            builder.header("If-None-Match", entityTag);
        }
        return client.sendAsync(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> post(String path, String json, String bearerToken) {
        return client.sendAsync(request(path, bearerToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postAndWait(String path, String json, String bearerToken) {
        return post(path, json, bearerToken).join();
    }

    HttpResponse<String> getAndWait(String path, String bearerToken) {
        return get(path, bearerToken).join();
    }

    private HttpRequest.Builder request(String path, String bearerToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder;
    }

    /** A string or number field of a flat JSON answer; enough for ids, versions and attempt numbers. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))")
                .matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
