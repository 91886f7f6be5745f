package io.taskledger.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.taskledger.infra.idempotency.IdempotentRequests;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST with an {@code Idempotency-Key}: a retry gets the first answer again, and the command runs once. */
class IdempotencyKeyTest extends IntegrationTest {

    private static final String KEY = "Idempotency-Key";

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private IdempotentRequests requests;
    @Autowired
    private Clock clock;

    @Test
    void a_retried_create_answers_the_first_answer_again_without_a_second_command() {
        Map<String, Object> project = newProject();
        String key = UUID.randomUUID().toString();
        double commandsBefore = commandsHandled("CreateProjectCommand");

        Response first = api.post("/api/projects", project, KEY, key);
        Response retry = api.post("/api/projects", project, KEY, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("ETag")).isNotNull().isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(commandsHandled("CreateProjectCommand") - commandsBefore).isEqualTo(1);
        assertThat(api.post("/api/projects", project).json().get("code").asText())
                .as("without the key, the same request is a second create").isEqualTo("DUPLICATE_PROJECT_KEY");
    }

    @Test
    void a_retried_plan_import_answers_the_first_answer_again_instead_of_refusing_the_duplicate_tasks() {
        String projectId = new Projects(api).create();
        String key = UUID.randomUUID().toString();

        Response first = api.post("/api/projects/" + projectId + "/plan", ExamplePlan.json(), KEY, key);
        Response retry = api.post("/api/projects/" + projectId + "/plan", ExamplePlan.json(), KEY, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        Response again = api.post("/api/projects/" + projectId + "/plan", ExamplePlan.json());
        assertThat(again.status()).as("without the key, a second import").isEqualTo(409);
    }

    @Test
    void the_same_key_with_another_body_is_refused_and_runs_nothing() {
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/projects", newProject(), KEY, key).status()).isEqualTo(201);
        double commandsBefore = commandsHandled("CreateProjectCommand");

        Response other = api.post("/api/projects", newProject(), KEY, key);

        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(commandsHandled("CreateProjectCommand")).isEqualTo(commandsBefore);
    }

    @Test
    void keys_are_per_account() {
        String key = UUID.randomUUID().toString();
        var manager = accounts.fresh(io.taskledger.api.access.GlobalRole.MANAGER);

        assertThat(api.post("/api/projects", newProject(), KEY, key).status()).isEqualTo(201);
        Response othersRequest = manager.post("/api/projects", newProject(), KEY, key);

        assertThat(othersRequest.status()).as(othersRequest.toString()).isEqualTo(201);
        assertThat(othersRequest.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void two_concurrent_requests_with_one_key_run_one_command() throws Exception {
        Map<String, Object> project = newProject();
        String key = UUID.randomUUID().toString();
        double commandsBefore = commandsHandled("CreateProjectCommand");
        int clients = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/projects", project, KEY, key);
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                    .isIn(201, 409));
            assertThat(responses).filteredOn(response -> response.status() == 409).allSatisfy(response ->
                    assertThat(response.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_USE"));
            List<String> created = responses.stream().filter(response -> response.status() == 201)
                    .map(Response::body).distinct().toList();
            assertThat(created).hasSize(1);
            assertThat(commandsHandled("CreateProjectCommand") - commandsBefore).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Response afterwards = api.post("/api/projects", project, KEY, key);
        assertThat(afterwards.status()).isEqualTo(201);
        assertThat(afterwards.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void a_key_older_than_a_day_counts_no_more_and_the_job_deletes_it() {
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/projects", newProject(), KEY, key).status()).isEqualTo(201);
        Timestamp dayAndMinuteAgo = Timestamp.from(clock.instant().minus(1, ChronoUnit.DAYS)
                .minus(1, ChronoUnit.MINUTES));
        jdbc.update("UPDATE idempotent_request SET created_at = ? WHERE idempotency_key = ?", dayAndMinuteAgo, key);

        Response anotherBody = api.post("/api/projects", newProject(), KEY, key);
        assertThat(anotherBody.status()).as(anotherBody.toString()).isEqualTo(201);

        jdbc.update("UPDATE idempotent_request SET created_at = ? WHERE idempotency_key = ?", dayAndMinuteAgo, key);
        assertThat(requests.expire()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotent_request WHERE idempotency_key = ?",
                Integer.class, key)).isZero();
    }

    @Test
    void a_refusal_is_answered_again_too_and_a_malformed_key_is_refused() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> refused = json("key", "", "name", "no key");

        Response first = api.post("/api/projects", refused, KEY, key);
        Response retry = api.post("/api/projects", refused, KEY, key);

        assertThat(first.status()).isEqualTo(400);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.post("/api/projects", newProject(), KEY, "has spaces").json().get("code").asText())
                .isEqualTo("INVALID_INPUT");
    }

    private static Map<String, Object> newProject() {
        return json("key", Projects.uniqueKey(), "name", "Idempotent project", "description", "sent with a key");
    }

    private double commandsHandled(String command) {
        Timer timer = meters.find("commandBus.allTimer").tag("payloadType", command).timer();
        return timer == null ? 0 : timer.count();
    }
}
