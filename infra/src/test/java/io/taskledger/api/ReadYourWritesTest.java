package io.taskledger.api;

import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesTest extends IntegrationTest {

    @Test
    void a_query_with_the_version_of_a_write_sees_that_write() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();

        Response started = projects.start(projectId, "P04-T01-S01", "@coding-agent");
        Response task = api.get(Projects.task(projectId, "P04-T01-S01"),
                "X-Min-Version", String.valueOf(version(started)));

        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(task.json().get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_version_the_read_model_never_reaches_is_answered_clearly_once_the_bound_passes() {
        String projectId = new Projects(api).create();

        Response response = api.get("/api/projects/" + projectId, "X-Min-Version", "1000");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("code").asText()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void a_malformed_min_version_is_bad_input() {
        String projectId = new Projects(api).create();

        Response response = api.get("/api/projects/" + projectId, "X-Min-Version", "latest");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    }
}
