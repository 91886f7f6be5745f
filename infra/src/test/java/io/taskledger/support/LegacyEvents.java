package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A project as release 0.1 stored it (legacy-events/project-revision-1.json: {@code TaskAdded} at revision 1, no hash
 * chain), written straight into an event store's table.
 */
public final class LegacyEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyEvents() {
    }

    /** Writes the fixture's events for the project; returns how many. */
    public static int store(JdbcTemplate jdbc, String projectId, String projectKey) {
        String text;
        try (InputStream in = LegacyEvents.class.getResourceAsStream("/legacy-events/project-revision-1.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${projectId}", projectId)
                    .replace("${projectKey}", projectKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JsonNode events = JSON.readTree(text);
            String metadata = """
                    {"actor":"release-0.1","correlationId":"legacy-%s","causationId":"legacy-%s"}"""
                    .formatted(projectId, projectId);
            for (int sequence = 0; sequence < events.size(); sequence++) {
                JsonNode event = events.get(sequence);
                jdbc.update("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            meta_data, payload, payload_revision, payload_type, time_stamp)
                        VALUES (?, ?, 'Project', ?, ?, ?, ?, ?, ?)""",
                        projectId, sequence, UUID.randomUUID().toString(), metadata.getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(event.get("payload")), event.get("revision").asText(),
                        event.get("type").asText(), DateTimeUtils.formatInstant(Instant.now()));
            }
            return events.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
