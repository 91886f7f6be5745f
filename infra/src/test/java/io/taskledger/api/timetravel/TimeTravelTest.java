package io.taskledger.api.timetravel;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import io.taskledger.support.SimulatedClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan lived through hours of simulated time: at each moment the live board is recorded, and afterwards the
 * board asked "as of" that moment (or that version) must be exactly what was recorded then.
 */
class TimeTravelTest extends IntegrationTest {

    @Autowired
    private SimulatedClock clock;

    /** The live board at one moment. */
    private record Moment(Instant at, long version, JsonNode project, JsonNode tasks, JsonNode task) {
    }

    @Test
    void the_board_as_of_each_moment_is_what_it_was_then() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        List<Moment> moments = new ArrayList<>();
        moments.add(record(projectId));

        clock.advance(Duration.ofHours(1));
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        moments.add(record(projectId));

        clock.advance(Duration.ofHours(2));
        projects.report(projectId, "P04-T01-S01", 1, Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", false));
        moments.add(record(projectId));

        clock.advance(Duration.ofMinutes(90));
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        projects.report(projectId, "P04-T01-S01", 2, Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true));
        moments.add(record(projectId));

        clock.advance(Duration.ofHours(3));
        api.post("/api/projects/" + projectId + "/tasks/P04-T01-S02/assign", json("assignee", "@lint-agent"));
        projects.start(projectId, "P04-T01-S02", "@lint-agent");
        projects.report(projectId, "P04-T01-S02", 1, Map.of("P04-T01-S02-01/1", true));
        moments.add(record(projectId));
        clock.advance(Duration.ofHours(1));

        assertThat(moments).extracting(Moment::version).doesNotHaveDuplicates().isSorted();
        for (Moment moment : moments) {
            String asOf = "asOf=" + moment.at();
            assertThat(get("/api/projects/" + projectId + "?" + asOf)).as(asOf).isEqualTo(moment.project());
            assertThat(get("/api/projects/" + projectId + "/tasks?" + asOf)).as(asOf).isEqualTo(moment.tasks());
            assertThat(get(Projects.task(projectId, "P04-T01-S01") + "?" + asOf)).as(asOf).isEqualTo(moment.task());
            String asOfVersion = "asOfVersion=" + moment.version();
            assertThat(get("/api/projects/" + projectId + "/tasks?" + asOfVersion)).as(asOfVersion)
                    .isEqualTo(moment.tasks());
            String halfAnHourLater = "asOf=" + moment.at().plus(Duration.ofMinutes(30));
            assertThat(get("/api/projects/" + projectId + "?" + halfAnHourLater)).isEqualTo(moment.project());
        }
        assertThat(moments.get(0).tasks()).allSatisfy(task -> assertThat(task.get("status").asText())
                .isIn("PENDING", "READY"));
        assertThat(moments.get(2).task().get("attempts").asInt()).isEqualTo(1);
        assertThat(get("/api/projects/" + projectId + "/tasks?status=READY&asOf=" + moments.get(2).at()))
                .extracting(task -> task.get("key").asText()).containsExactly("P04-T01-S01");
    }

    @Test
    void before_the_project_existed_there_is_nothing_and_bad_points_in_time_are_refused() {
        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        String projectId = new Projects(api).createWithExamplePlan();

        assertThat(api.get("/api/projects/" + projectId + "?asOf=" + before).json().get("code").asText())
                .isEqualTo("PROJECT_NOT_FOUND");
        assertThat(api.get("/api/projects/" + projectId + "/tasks?asOf=" + before).status()).isEqualTo(404);
        assertThat(api.get("/api/projects/" + projectId + "/tasks?asOfVersion=0").json()).isEmpty();
        assertThat(api.get(Projects.task(projectId, "P04") + "?asOfVersion=0").json().get("code").asText())
                .isEqualTo("TASK_NOT_FOUND");
        assertThat(api.get("/api/projects/" + projectId + "?asOf=yesterday").json().get("code").asText())
                .isEqualTo("INVALID_INPUT");
        assertThat(api.get("/api/projects/" + projectId + "?asOfVersion=-1").status()).isEqualTo(400);
    }

    private Moment record(String projectId) {
        long latest = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                projectId);
        String minVersion = String.valueOf(latest);
        Moment moment = new Moment(clock.instant(), latest,
                api.get("/api/projects/" + projectId, "X-Min-Version", minVersion).json(),
                api.get("/api/projects/" + projectId + "/tasks", "X-Min-Version", minVersion).json(),
                api.get(Projects.task(projectId, "P04-T01-S01"), "X-Min-Version", minVersion).json());
        assertThat(moment.project().get("version").asLong()).isEqualTo(latest);
        return moment;
    }

    private JsonNode get(String path) {
        Response response = api.get(path);
        assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
        return response.json();
    }
}
