package io.taskledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Leases are persistent deadlines: a row in the database that fires even if no one polls the task. */
class LeaseExpiryTest extends IntegrationTest {

    @Test
    void an_expired_lease_fails_the_attempt_as_timed_out() {
        Projects projects = new Projects(api);
        String projectId = projects.create();
        api.post("/api/projects/" + projectId + "/tasks", json("key", "P1", "level", "PHASE", "title", "Phase",
                "maxRetries", 2, "timeoutMinutes", 1));
        Response started = projects.start(projectId, "P1", "@slow-agent");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        String thisProjectsLease = "position(convert_to(?, 'UTF8') in task_data) > 0";
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE " + thisProjectsLease,
                Integer.class, projectId);
        assertThat(stored).as("the lease is stored in the database, not in memory").isEqualTo(1);
        // Bring the one-minute lease forward instead of waiting for it.
        jdbc.update("UPDATE scheduled_tasks SET execution_time = now() WHERE " + thisProjectsLease, projectId);

        JsonNode task = Eventually.await(Duration.ofSeconds(20),
                () -> api.get(Projects.task(projectId, "P1")).json(),
                t -> "FAILED".equals(t.path("attemptHistory").path(0).path("outcome").asText())
                        && "READY".equals(t.path("status").asText()));

        assertThat(task.get("attemptHistory").get(0).get("failureReason").asText()).isEqualTo("TIMED_OUT");
        assertThat(task.get("status").asText()).isEqualTo("READY");
    }
}
