package io.taskledger.api.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the running server: oversized bodies and fields, control characters in every text field of
 * every command, malformed and deeply nested JSON, wrong types, numbers out of range, Unicode edge cases and duplicate
 * keys. For each: the answer's status and code, the offending field named, nothing applied (the project's stream has
 * no new event), and the board still current for another project.
 */
class HostileInputTest extends IntegrationTest {

    private static final String NUL = "\u0000";
    private static final String ESC = "\u001b";

    private Projects projects;
    /** The project the hostile requests aim at, with the example plan. */
    private String target;
    private String task;
    /** Another project whose board must keep moving. */
    private String bystander;
    private long bystanderVersion;
    private int bystanderMoves;

    @BeforeEach
    void twoProjects() {
        projects = new Projects(api);
        target = projects.createWithExamplePlan();
        task = Projects.task(target, "P04-T01-S01");
        bystander = projects.createWithExamplePlan();
        bystanderVersion = lastSequence(bystander);
    }

    @Test
    void control_characters_in_every_text_field_of_every_command_are_refused_naming_the_field() {
        String tasks = "/api/projects/" + target + "/tasks";
        refused(400, "name", () -> api.post("/api/projects", json("key", Projects.uniqueKey(), "name", "C1 \u0085")));
        refused(400, "name", () -> api.post("/api/projects", json("key", Projects.uniqueKey(), "name", "DEL \u007f")));
        for (String bad : List.of(NUL, ESC)) {
            refused(400, "key", () -> api.post("/api/projects", json("key", "K" + bad, "name", "n")));
            refused(400, "name", () -> api.post("/api/projects", json("key", Projects.uniqueKey(), "name", "a" + bad)));
            refused(400, "description", () -> api.post("/api/projects",
                    json("key", Projects.uniqueKey(), "name", "n", "description", bad)));
            for (String field : List.of("title", "description", "assignee", "escalateTo")) {
                Map<String, Object> body = json("key", "X1", "level", "PHASE", "title", "t");
                body.put(field, "v" + bad);
                refused(400, field, () -> api.post(tasks, body));
            }
            refused(400, "key", () -> api.post(tasks, json("key", "X" + bad, "level", "PHASE", "title", "t")));
            refused(400, "prerequisites[0]", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                    "prerequisites", List.of("P04" + bad))));
            refused(400, "steps[0].description", () -> api.post(tasks, json("key", "X1", "level", "PHASE",
                    "title", "t", "steps", List.of(json("key", "X1-1", "description", bad)))));
            refused(400, "steps[0].successCriteria[0].expected", () -> api.post(tasks, json("key", "X1",
                    "level", "PHASE", "title", "t", "steps", List.of(json("key", "X1-1", "successCriteria",
                            List.of(json("type", "EXIT_CODE", "expected", "0" + bad)))))));
            refused(400, "tasks[X1].steps[0].successCriteria[0].expected", () -> api.post(
                    "/api/projects/" + target + "/plan", json("phases", List.of(json("key", "X1", "title", "t",
                            "steps", List.of(json("key", "X1-1", "successCriteria",
                                    List.of(json("type", "EXIT_CODE", "expected", bad)))))))));
            refused(400, "tasks[X2].title", () -> api.post("/api/projects/" + target + "/plan",
                    json("phases", List.of(json("key", "X1", "title", "t", "tasks",
                            List.of(json("key", "X2", "title", bad)))))));
            refused(400, "results[0].evidence", () -> api.post(task + "/report", json("attempt", 1,
                    "results", List.of(json("criterion", "P04-T01-S01-01/1", "passed", true, "evidence", bad)))));
            refused(400, "results[0].criterion", () -> api.post(task + "/report", json("attempt", 1,
                    "results", List.of(json("criterion", "P04-T01-S01-01/1" + bad, "passed", true)))));
            refused(400, "assignee", () -> api.post(task + "/assign", json("assignee", "@a" + bad)));
            refused(400, "reason", () -> api.post(task + "/cancel", json("reason", "r" + bad)));
            refused(400, "justification", () -> api.post(task + "/resolve",
                    json("decision", "ACCEPT", "justification", "j" + bad)));
            refused(400, "key", () -> api.post(task + "/prerequisites", json("key", "P04" + bad)));
            refused(400, "username", () -> api.post("/api/projects/" + target + "/members",
                    json("username", "ann" + bad, "role", "VIEWER")));
            refused(400, "displayName", () -> api.post("/api/users", json("username", "hostile-" + UUID.randomUUID()
                    .toString().substring(0, 8), "password", "Correct-Horse-Battery-Staple-71", "displayName",
                    "D" + bad, "kind", "HUMAN", "role", "VIEWER")));
            refused(400, "displayName", () -> api.patch("/api/users/admin", json("displayName", "D" + bad)));
        }
        Response start = api.post(task + "/start", json("agent", "@coding-agent" + NUL));
        assertThat(start.status()).as("an agent naming another (or a malformed) agent: " + start).isIn(400, 403);
        assertNothingAppliedAndOthersFlow();
    }

    @Test
    void every_offending_field_is_named_at_once() {
        Response refused = api.post("/api/projects", json("key", "K" + NUL, "name", "x".repeat(201),
                "description", ESC));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("violations")).extracting(JsonNode::asText)
                .anySatisfy(v -> assertThat(v).startsWith("key: "))
                .anySatisfy(v -> assertThat(v).startsWith("name: "))
                .anySatisfy(v -> assertThat(v).startsWith("description: "))
                .hasSize(3);
    }

    @Test
    void oversized_fields_and_lists_are_refused_naming_the_field() {
        String tasks = "/api/projects/" + target + "/tasks";
        refused(400, "name", () -> api.post("/api/projects", json("key", Projects.uniqueKey(), "name", "n".repeat(201))));
        refused(400, "title", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t".repeat(201))));
        refused(400, "description", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                "description", "d".repeat(10_001))));
        refused(400, "evidence", () -> api.post(task + "/report", json("attempt", 1, "results",
                List.of(json("criterion", "P04-T01-S01-01/1", "passed", true, "evidence", "e".repeat(10_001))))));
        refused(400, "justification", () -> api.post(task + "/resolve", json("decision", "ACCEPT",
                "justification", "j".repeat(2_001))));
        refused(400, "displayName", () -> api.patch("/api/users/admin", json("displayName", "d".repeat(101))));
        List<Object> steps = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            steps.add(json("key", "S" + i));
        }
        refused(400, "steps", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t", "steps", steps)));
        List<Object> criteria = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            criteria.add(json("type", "EXIT_CODE", "expected", "0"));
        }
        refused(400, "successCriteria", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                "steps", List.of(json("key", "S1", "successCriteria", criteria)))));
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 2_501; i++) {
            results.add(json("criterion", "c", "passed", true));
        }
        refused(400, "results", () -> api.post(task + "/report", json("attempt", 1, "results", results)));
        List<Object> phases = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            phases.add(json("key", "Q" + i, "title", "t"));
        }
        refused(400, "tasks", () -> api.post("/api/projects/" + target + "/plan", json("phases", phases)));
        assertNothingAppliedAndOthersFlow();
    }

    @Test
    void oversized_bodies_are_answered_413_before_they_are_read_whole() throws Exception {
        refused(413, null, () -> api.post("/api/projects", json("key", Projects.uniqueKey(),
                "name", "n".repeat(1_048_576))));

        long started = System.nanoTime();
        String answer = declareAndSendOnlyTheStart("/api/projects", 60L * 1024 * 1024);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("PAYLOAD_TOO_LARGE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without waiting for the body")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(declareAndSendOnlyTheStart("/api/projects/" + target + "/plan", 10L * 1024 * 1024))
                .startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");

        for (String idempotencyKey : new String[] {null, "hostile-" + UUID.randomUUID()}) {
            HttpResponse<String> chunked = sendChunked("/api/projects", 1_500_000, idempotencyKey);
            assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
            assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");
        }

        // A plan may be larger than other bodies: 2 MB passes the door, and is then judged on its content.
        StringBuilder plan = new StringBuilder("{\"phases\":[{\"key\":\"Z1\",\"title\":\"t\",\"description\":\"");
        plan.append("d".repeat(2_000_000)).append("\"}]}");
        refused(400, "tasks[Z1].description", () -> api.post("/api/projects/" + target + "/plan", plan.toString()));
        assertNothingAppliedAndOthersFlow();
    }

    @Test
    void malformed_nested_mistyped_and_duplicated_json_is_refused() throws Exception {
        String tasks = "/api/projects/" + target + "/tasks";
        refused(400, null, () -> api.post(tasks, "{\"key\":\"X1\","));
        refused(400, null, () -> api.post(tasks, "not json at all"));
        refused(400, null, () -> api.post(tasks, "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"t\"} trailing"));
        refused(400, null, () -> api.post("/api/projects/" + target + "/plan",
                "{\"phases\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}"));
        refused(400, null, () -> api.post(tasks, "{\"a\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001)));
        refused(400, null, () -> api.post(tasks, "{\"key\":\"X1\",\"key\":\"X2\",\"level\":\"PHASE\",\"title\":\"t\"}"));
        refused(400, "key", () -> api.post(tasks, "{\"key\":{\"a\":1},\"level\":\"PHASE\",\"title\":\"t\"}"));
        refused(400, "maxRetries", () -> api.post(tasks,
                "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"t\",\"maxRetries\":\"three\"}"));
        refused(400, "steps", () -> api.post(tasks,
                "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"t\",\"steps\":\"not a list\"}"));
        refused(400, "passed", () -> api.post(task + "/report",
                "{\"attempt\":1,\"results\":[{\"criterion\":\"c\",\"passed\":\"maybe\"}]}"));
        HttpResponse<String> invalidUtf8 = sendBytes(tasks, concat("{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}"));
        assertThat(invalidUtf8.statusCode()).as(invalidUtf8.body()).isEqualTo(400);
        assertNothingAppliedAndOthersFlow();
    }

    @Test
    void numbers_out_of_range_are_refused() {
        String tasks = "/api/projects/" + target + "/tasks";
        refused(400, "maxRetries", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                "maxRetries", 101)));
        refused(400, "maxRetries", () -> api.post(tasks,
                "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"t\",\"maxRetries\":1e40}"));
        refused(400, "maxRetries", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                "maxRetries", -1)));
        refused(400, "timeoutMinutes", () -> api.post(tasks, json("key", "X1", "level", "PHASE", "title", "t",
                "timeoutMinutes", 43_201)));
        refused(400, "attempt", () -> api.post(task + "/report", "{\"attempt\":99999999999,\"results\":[]}"));
        refused(400, "attempt", () -> api.post(task + "/report", json("attempt", 1_001, "results", List.of())));
        assertNothingAppliedAndOthersFlow();
    }

    @Test
    void unicode_edge_cases_are_kept_exactly_or_refused_when_they_are_not_text() {
        String tasks = "/api/projects/" + target + "/tasks";
        refused(400, "title", () -> api.post(tasks,
                "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"lone \\ud800 surrogate\"}"));
        refused(400, "title", () -> api.post(tasks,
                "{\"key\":\"X1\",\"level\":\"PHASE\",\"title\":\"reversed \\udc00\\ud800 pair\"}"));
        refused(400, "title", () -> api.post(tasks, json("key", "X1", "level", "PHASE",
                "title", "e" + "\u0301".repeat(5_000))));
        assertNothingAppliedAndOthersFlow();

        String rightToLeft = "\u202e\u05e9\u05dc\u05d5\u05dd\u200f abc \uD83D\uDE80\uD83D\uDC69\u200D\uD83D\uDCBB";
        String longCluster = "e" + "\u0301".repeat(199);
        for (Map.Entry<String, String> title : Map.of("R1", rightToLeft, "R2", longCluster).entrySet()) {
            Response added = api.post(tasks, json("key", title.getKey(), "level", "PHASE", "title", title.getValue()));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            JsonNode shown = projects.task(target, title.getKey(), Projects.version(added));
            assertThat(shown.get("title").asText()).isEqualTo(title.getValue());
        }
    }

    /** Sends the request; it must be refused with the status, naming the field, and change nothing. */
    private void refused(int status, String field, Supplier<Response> request) {
        long before = lastSequence(target);
        Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo(status == 413 ? "PAYLOAD_TOO_LARGE" : "INVALID_INPUT");
        if (field != null) {
            assertThat(problem.get("detail").asText()).as(response.toString()).contains(field);
        }
        assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(lastSequence(target)).as("nothing applied: " + response).isEqualTo(before);
        moveBystander();
    }

    /** The other project takes a command, and its board shows it within the usual wait. */
    private void moveBystander() {
        Response moved = api.post(Projects.task(bystander, "P04-T02-S01") + "/assign",
                json("assignee", "@agent-" + (bystanderMoves++)));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        bystanderVersion = Projects.version(moved);
        Response shown = api.get("/api/projects/" + bystander, "X-Min-Version", String.valueOf(bystanderVersion));
        assertThat(shown.status()).as("the board of another project is current: " + shown).isEqualTo(200);
    }

    private void assertNothingAppliedAndOthersFlow() {
        assertThat(jdbc.queryForList("SELECT sequence_identifier FROM dead_letter_entry WHERE sequence_identifier IN"
                + " (?, ?)", String.class, target, bystander)).isEmpty();
        moveBystander();
    }

    private long lastSequence(String projectId) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, projectId);
        return last == null ? -1 : last;
    }

    /** Declares a body of the length, sends only its first bytes, and returns the answer (head and body) as text. */
    private String declareAndSendOnlyTheStart(String path, long declaredLength) throws IOException {
        URI base = URI.create(api.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                    + api.accessToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength
                    + "\r\n\r\n{\"key\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!answer.toString().contains("}") && System.nanoTime() < deadline) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }

    /** A body of the size sent without a Content-Length (chunked), with an Idempotency-Key if one is given. */
    private HttpResponse<String> sendChunked(String path, int size, String idempotencyKey) throws Exception {
        byte[] body = ("{\"key\":\"" + "k".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        request
                .header("Authorization", "Bearer " + api.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(30));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendBytes(String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Bearer " + api.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] first = head.getBytes(StandardCharsets.UTF_8);
        byte[] last = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[first.length + middle.length + last.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(middle, 0, all, first.length, middle.length);
        System.arraycopy(last, 0, all, first.length + middle.length, last.length);
        return all;
    }
}
