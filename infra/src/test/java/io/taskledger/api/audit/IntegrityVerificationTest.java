package io.taskledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each project's stream is hash-chained; tampering with a stored row is found and the event named. */
class IntegrityVerificationTest extends IntegrationTest {

    @Test
    void an_untouched_stream_verifies_and_every_event_carries_a_hash() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        projects.report(projectId, "P04-T01-S01", 1, Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true));

        JsonNode report = verify(projectId);

        int events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, projectId);
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("eventsChecked").asInt()).isEqualTo(events).isGreaterThan(10);
        assertThat(report.get("legacyEvents").asInt()).isZero();
        assertThat(report.get("firstBreak").isNull()).isTrue();
        assertThat(api.get("/api/projects/" + UUID.randomUUID() + "/verify").status()).isEqualTo(404);
    }

    @Test
    void a_payload_changed_in_the_database_is_named_as_the_first_break() {
        String projectId = new Projects(api).createWithExamplePlan();
        String tamperedId = eventId(projectId, 3);
        byte[] original = payload(projectId, 3);
        try {
            jdbc.update("""
                    UPDATE domain_event_entry
                    SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"title":"', '"title":"Not '), 'UTF8')
                    WHERE aggregate_identifier = ? AND sequence_number = 3""", projectId);
            assertThat(payload(projectId, 3)).as("the row was changed").isNotEqualTo(original);

            JsonNode report = verify(projectId);

            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.at("/firstBreak/eventId").asText()).isEqualTo(tamperedId);
            assertThat(report.at("/firstBreak/sequence").asLong()).isEqualTo(3);
            assertThat(report.at("/firstBreak/reason").asText()).contains("does not match its hash");
        } finally {
            restore(projectId, 3, original);  // the database is shared; a later rebuild must see the true stream
        }
        assertThat(verify(projectId).get("intact").asBoolean()).isTrue();
    }

    @Test
    void an_actor_rewritten_in_the_metadata_is_found_too() {
        String projectId = new Projects(api).createWithExamplePlan();
        byte[] metadata = jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 5""",
                byte[].class, projectId);
        try {
            jdbc.update("""
                    UPDATE domain_event_entry
                    SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), '"admin"', '"someone-else"'), 'UTF8')
                    WHERE aggregate_identifier = ? AND sequence_number = 5""", projectId);

            JsonNode report = verify(projectId);

            assertThat(report.at("/firstBreak/sequence").asLong()).isEqualTo(5);
            assertThat(report.at("/firstBreak/eventId").asText()).isEqualTo(eventId(projectId, 5));
        } finally {
            jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE aggregate_identifier = ? AND sequence_number = 5",
                    metadata, projectId);
        }
    }

    private JsonNode verify(String projectId) {
        Response response = api.get("/api/projects/" + projectId + "/verify");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String eventId(String projectId, long sequence) {
        return jdbc.queryForObject("""
                SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?""",
                String.class, projectId, sequence);
    }

    private byte[] payload(String projectId, long sequence) {
        return jdbc.queryForObject("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?""",
                byte[].class, projectId, sequence);
    }

    private void restore(String projectId, long sequence, byte[] payload) {
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = ?",
                payload, projectId, sequence);
    }
}
