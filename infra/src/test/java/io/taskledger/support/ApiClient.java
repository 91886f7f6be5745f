package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for tests: real requests over loopback, JSON in and out, as an anonymous caller or with an
 * access token ({@code Authorization: Bearer}, unless a request sets its own {@code Authorization}).
 */
public class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String accessToken;

    public ApiClient(String baseUrl) {
        this(baseUrl, null);
    }

    private ApiClient(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String accessToken() {
        return accessToken;
    }

    /** The same server, called with this access token. */
    public ApiClient withToken(String token) {
        return new ApiClient(baseUrl, token);
    }

    /** Logs in and answers a client that sends the new access token. */
    public ApiClient loggedInAs(String username, String password) {
        Response login = new ApiClient(baseUrl).post("/api/auth/login", json("username", username,
                "password", password));
        if (login.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + login);
        }
        return withToken(login.json().get("accessToken").asText());
    }

    public Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends a request; {@code body} is a JSON string or an object to serialize; headers come as name, value pairs. */
    public Response send(String method, String path, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30));
            boolean ownAuthorization = false;
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
            }
            if (accessToken != null && !ownAuthorization) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> json(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
