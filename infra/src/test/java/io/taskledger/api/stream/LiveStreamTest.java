package io.taskledger.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import io.taskledger.support.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/projects/{id}/stream}: each change once, in version order; resume; access (docs/streams.md). */
class LiveStreamTest extends IntegrationTest {

    static final Duration EACH = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_change_arrives_exactly_once_in_version_order_while_commands_run_concurrently() throws Exception {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        long opened = currentVersion(projectId);
        try (SseClient stream = openStream(api, projectId);
             SseClient second = openStream(api, projectId)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            long last = addPhasesConcurrently(projectId, 4, 6);

            int expected = (int) (last - opened);
            for (SseClient client : List.of(stream, second)) {
                List<SseClient.Event> events = client.take(expected, EACH);
                for (int i = 0; i < expected; i++) {
                    SseClient.Event event = events.get(i);
                    long version = opened + 1 + i;
                    assertThat(event.id()).isEqualTo(Long.toString(version));
                    JsonNode data = JSON.readTree(event.data());
                    assertThat(data.get("version").asLong()).isEqualTo(version);
                    assertThat(data.get("type").asText()).isEqualTo(event.name());
                    assertThat(data.get("projectId").asText()).isEqualTo(projectId);
                }
                assertThat(events).extracting(SseClient.Event::name).contains("TaskAdded");
                assertThat(events).filteredOn(event -> event.name().equals("TaskAdded"))
                        .allSatisfy(event -> assertThat(JSON.readTree(event.data()).get("taskKey").asText())
                                .startsWith("P"));
                assertThat(client.next(Duration.ofMillis(300))).as("nothing twice").isNull();
            }
        }
    }

    @Test
    void a_client_resumes_after_the_last_event_it_received_even_from_before_any_buffer() throws Exception {
        Projects projects = new Projects(api);
        String projectId = projects.create();
        long lastReceived;
        try (SseClient stream = openStream(api, projectId)) {
            addPhases(projectId, "A", 3);
            List<SseClient.Event> received = stream.take(3, EACH);
            lastReceived = Long.parseLong(received.get(2).id());
        }
        // More changes than a stream buffers, while no stream is open.
        long last = addPhases(projectId, "B", 40);

        try (SseClient resumed = openStream(api, projectId, "Last-Event-ID", Long.toString(lastReceived))) {
            List<SseClient.Event> events = resumed.take((int) (last - lastReceived), EACH);
            assertThat(events).extracting(SseClient.Event::id).containsExactlyElementsOf(
                    versions(lastReceived + 1, last));
            long next = addPhases(projectId, "C", 1);
            assertThat(resumed.take((int) (next - last), EACH)).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(versions(last + 1, next));
            assertThat(resumed.next(Duration.ofMillis(300))).isNull();
        }
        // From the very start, with the parameter a client that cannot set headers sends.
        try (SseClient whole = SseClient.open(api.baseUrl() + "/api/projects/" + projectId + "/stream?after=-1",
                api.accessToken())) {
            long newest = currentVersion(projectId);
            List<SseClient.Event> events = whole.take((int) newest + 1, EACH);
            assertThat(events.get(0).name()).isEqualTo("ProjectCreated");
            assertThat(events).extracting(SseClient.Event::id).containsExactlyElementsOf(versions(0, newest));
        }
    }

    @Test
    void a_non_member_gets_the_answer_of_a_missing_project_and_no_token_gets_401() {
        String projectId = new Projects(api).create();
        assertThat(api.get("/api/projects/" + projectId, "X-Min-Version", "0").status()).isEqualTo(200);
        ApiClient outsider = accounts.fresh(GlobalRole.VIEWER);

        try (SseClient hidden = SseClient.open(outsider.baseUrl() + "/api/projects/" + projectId + "/stream",
                outsider.accessToken());
             SseClient missing = SseClient.open(outsider.baseUrl() + "/api/projects/" + UUID.randomUUID() + "/stream",
                     outsider.accessToken());
             SseClient anonymousStream = SseClient.open(api.baseUrl() + "/api/projects/" + projectId + "/stream",
                     null)) {
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(hidden.contentType()).startsWith("application/problem+json");
            assertThat(code(hidden.refusal())).isEqualTo("PROJECT_NOT_FOUND");
            assertThat(code(missing.refusal())).isEqualTo("PROJECT_NOT_FOUND");
            assertThat(anonymousStream.status()).isEqualTo(401);
        }
        try (SseClient malformed = openStream(api, projectId, "Last-Event-ID", "yesterday")) {
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(code(malformed.refusal())).isEqualTo("INVALID_INPUT");
        }
    }

    @Test
    void heartbeats_keep_an_idle_stream_alive() {
        String projectId = new Projects(api).create();
        try (SseClient stream = openStream(api, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            Eventually.await(Duration.ofSeconds(5), stream::comments, comments -> comments.stream().filter("heartbeat"::equals).count() >= 2);
            long before = currentVersion(projectId);
            long next = addPhases(projectId, "H", 1);
            assertThat(stream.take((int) (next - before), EACH)).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(versions(before + 1, next));
        }
    }

    /** With {@code X-Min-Version: 0}, so that a project just created is not refused while the board catches up. */
    static SseClient openStream(ApiClient client, String projectId, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!all.contains("X-Min-Version")) {
            all.addAll(List.of("X-Min-Version", "0"));
        }
        return SseClient.open(client.baseUrl() + "/api/projects/" + projectId + "/stream", client.accessToken(),
                all.toArray(String[]::new));
    }

    private long currentVersion(String projectId) {
        return versionOf(api, projectId);
    }

    /** The project's version as the board shows it now. */
    static long versionOf(ApiClient client, String projectId) {
        ApiClient.Response project = client.get("/api/projects/" + projectId);
        return Long.parseLong(project.header("ETag").replace("\"", ""));
    }

    /** Adds {@code count} phases one after the other; answers the project's version after the last. */
    long addPhases(String projectId, String prefix, int count) {
        long version = -1;
        for (int i = 0; i < count; i++) {
            version = addPhase(api, projectId, prefix + i);
        }
        return version;
    }

    private long addPhasesConcurrently(String projectId, int clients, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String prefix = "C" + c + "X";
                done.add(pool.submit(() -> {
                    long version = -1;
                    for (int i = 0; i < each; i++) {
                        version = Math.max(version, addPhase(api, projectId, prefix + i));
                    }
                    return version;
                }));
            }
            long last = -1;
            for (Future<Long> future : done) {
                last = Math.max(last, future.get());
            }
            return last;
        } finally {
            pool.shutdownNow();
        }
    }

    static long addPhase(ApiClient client, String projectId, String key) {
        ApiClient.Response added = client.post("/api/projects/" + projectId + "/tasks",
                json("key", "P" + key, "level", "PHASE", "title", "Phase " + key));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return Projects.version(added);
    }

    static List<String> versions(long from, long to) {
        List<String> versions = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            versions.add(Long.toString(v));
        }
        return versions;
    }

    static String code(String problem) {
        try {
            return JSON.readTree(problem).get("code").asText();
        } catch (Exception e) {
            throw new AssertionError("not a problem detail: " + problem, e);
        }
    }
}
