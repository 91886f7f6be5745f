package io.taskledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see every projection, where it stands against the event store's head, and who holds its segments. */
class ProjectionStatusTest extends IntegrationTest {

    @Test
    void every_processing_group_is_listed_with_its_position_lag_and_segments() {
        new Projects(api).createWithExamplePlan();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        JsonNode board = Eventually.await(Duration.ofSeconds(10), () -> projection("task-board"),
                status -> status.get("position").asLong() >= head);

        assertThat(board.get("state").asText()).isEqualTo("RUNNING");
        assertThat(board.get("mode").asText()).isEqualTo("tracking");
        assertThat(board.get("rebuildable").asBoolean()).isTrue();
        assertThat(board.get("headPosition").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(board.get("lag").asLong()).isEqualTo(board.get("headPosition").asLong()
                - board.get("position").asLong());
        assertThat(board.get("segments")).hasSize(8).allSatisfy(segment -> {
            assertThat(segment.get("owner").asText()).isNotBlank();
            assertThat(segment.get("replaying").asBoolean()).isFalse();
        });
        JsonNode keys = projection("project-key-registry");
        assertThat(keys.get("mode").asText()).isEqualTo("subscribing");
        assertThat(keys.get("state").asText()).isEqualTo("RUNNING");
        assertThat(keys.get("rebuildable").asBoolean()).as("a command-side lookup table, not a read model").isFalse();
        assertThat(projection("user-directory").get("rebuildable").asBoolean()).isTrue();
        assertThat(projection("account-sessions").get("rebuildable").asBoolean()).isFalse();
    }

    private JsonNode projection(String name) {
        return StreamSupport.stream(api.get("/api/admin/projections").json().spliterator(), false)
                .filter(projection -> projection.get("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no projection " + name));
    }
}
