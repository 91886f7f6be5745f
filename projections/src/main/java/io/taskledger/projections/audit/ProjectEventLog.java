package io.taskledger.projections.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.audit.EventAuditMetadata;
import io.taskledger.api.audit.RecordedEvent;
import io.taskledger.api.ids.ProjectId;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one project's stream from the event store: as stored rows (payload JSON as written, global position) for
 * the audit log, or as event messages (upcast, deserialized) for timelines, causation and time travel. Always from
 * sequence 0, never from a snapshot: the read side wants every event, not the aggregate's state.
 */
@Component
public class ProjectEventLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public ProjectEventLog(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    public boolean exists(ProjectId projectId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)",
                Boolean.class, projectId.toString()));
    }

    /** Up to {@code limit} stored events with a sequence number above {@code after}, in sequence order. */
    public List<RecordedEvent> storedEvents(ProjectId projectId, long after, int limit) {
        return jdbc.query("""
                        SELECT event_identifier, sequence_number, global_index, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND sequence_number > ?
                        ORDER BY sequence_number
                        LIMIT ?""",
                (row, number) -> recorded(row), projectId.toString(), after, limit);
    }

    /** The event store's newest position ({@code global_index}); -1 while it is empty. */
    public long newestPosition() {
        Long newest = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return newest == null ? -1 : newest;
    }

    /** A stored event with the project it belongs to. */
    public record Stored(String projectId, RecordedEvent event) {
    }

    /**
     * Up to {@code limit} stored events of the given payload types (class names) at a position above {@code after},
     * of every project, in position order.
     */
    public List<Stored> storedEventsOfTypes(List<String> payloadTypes, long after, int limit) {
        return jdbc.query("""
                        SELECT aggregate_identifier, event_identifier, sequence_number, global_index, time_stamp,
                               payload_type, payload_revision, payload, meta_data
                        FROM domain_event_entry
                        WHERE global_index > ? AND payload_type = ANY (?)
                        ORDER BY global_index
                        LIMIT ?""",
                (row, number) -> new Stored(row.getString("aggregate_identifier"), recorded(row)),
                after, payloadTypes.toArray(String[]::new), limit);
    }

    /** Every event of the project as a message, oldest first. */
    public List<DomainEventMessage<?>> messages(ProjectId projectId) {
        return stream(projectId).collect(Collectors.toList());
    }

    /** The project's events as messages, oldest first, read in batches as the stream is consumed. */
    public Stream<? extends DomainEventMessage<?>> stream(ProjectId projectId) {
        return eventStore.readEvents(projectId.toString(), 0L).asStream();
    }

    public static EventAuditMetadata auditMetadata(MetaData metaData) {
        return new EventAuditMetadata(text(metaData.get("actor")), text(metaData.get("correlationId")),
                text(metaData.get("causationId")), text(metaData.get("causationKind")),
                text(metaData.get("causationName")), text(metaData.get("deadlineScheduledBy")),
                text(metaData.get("integrityHash")), text(metaData.get("channel")));
    }

    private static RecordedEvent recorded(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        Map<String, Object> metadata = row.getBytes("meta_data") == null ? Map.of() : object(row.getBytes("meta_data"));
        return new RecordedEvent(row.getString("event_identifier"), row.getLong("sequence_number"),
                row.getLong("global_index"), DateTimeUtils.parseInstant(row.getString("time_stamp")),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), row.getString("payload_revision"),
                object(row.getBytes("payload")), auditMetadata(MetaData.from(metadata)));
    }

    private static Map<String, Object> object(byte[] json) {
        try {
            return JSON.readValue(json, JSON_OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException("an event in the store is not JSON", e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
