package io.taskledger.infra.persistence;

import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.axonframework.common.DirectExecutor;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A long-lived project is loaded from a snapshot plus the events after it, and behaves the same. */
class SnapshotTest extends IntegrationTest {

    @Autowired
    private Snapshotter snapshotter;

    @Test
    void snapshots_are_taken_on_a_thread_of_their_own_not_in_the_command_thread() {
        // Taken in the command's thread, a snapshot holds the project's lock while it waits for a pooled connection:
        // at 1000 connections that deadlocked the pool (docs/benchmarks.md), and the fix was once lost unnoticed.
        Object executor = ReflectionTestUtils.getField(snapshotter, "executor");

        assertThat(executor).isNotNull().isNotInstanceOf(DirectExecutor.class);
    }

    @Test
    void a_project_past_the_threshold_is_snapshotted_and_still_accepts_commands() {
        Projects projects = new Projects(api);
        String projectId = projects.create();
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            tasks.add(json("key", "P1-T" + i, "title", "Task " + i));
        }
        Response imported = api.post("/api/projects/" + projectId + "/plan",
                json("phases", List.of(json("key", "P1", "title", "Phase", "tasks", tasks))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        // One more command so that a load crosses the threshold (100 events by default).
        assertThat(projects.start(projectId, "P1-T1", "@agent").status()).isEqualTo(200);

        // Snapshots are taken after the command, on their own thread.
        Eventually.await(Duration.ofSeconds(10), () -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, projectId),
                snapshots -> snapshots > 0);

        Response reported = projects.agent("@agent").post(Projects.task(projectId, "P1-T1") + "/report",
                json("attempt", 1, "results", List.of()));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(projects.start(projectId, "P1-T1", "@agent").json().get("code").asText())
                .as("state restored from the snapshot knows P1-T1 succeeded").isEqualTo("TASK_NOT_READY");
    }
}
