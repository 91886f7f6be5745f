package io.taskledger.infra.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.audit.IntegrityReport;
import io.taskledger.api.audit.IntegrityReport.ChainBreak;
import io.taskledger.api.audit.VerifyProjectQuery;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.infra.axon.AxonConfiguration;
import io.taskledger.projections.board.ProjectReadAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Recomputes a project's hash chain from the stored rows, streaming them in sequence order, and names the first
 * event that does not match: changed content, a missing hash, or a missing or reordered event.
 */
@Component
@Transactional(readOnly = true)
public class ChainVerifier {

    private static final ObjectMapper JSON = AxonConfiguration.axonObjectMapper();

    private final JdbcTemplate jdbc;
    private final ProjectReadAccess access;

    public ChainVerifier(JdbcTemplate jdbc, ProjectReadAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** Members, ADMIN and AUDITOR verify a project, as they read its history ({@link ProjectReadAccess}). */
    @QueryHandler
    public IntegrityReport handle(VerifyProjectQuery query) {
        access.open(query.scope());
        String projectId = query.projectId().toString();
        Walk walk = new Walk();
        jdbc.query("""
                SELECT event_identifier, sequence_number, payload_type, payload_revision, time_stamp, meta_data, payload
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (RowCallbackHandler) row -> walk.check(new EventHash.Content(projectId, row.getLong(2),
                        row.getString(1), row.getString(3), row.getString(4), row.getString(5),
                        metadata(row.getBytes(6)), row.getBytes(7)), row.getBytes(6)),
                projectId);
        if (walk.seen == 0) {
            throw new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
        }
        return new IntegrityReport(query.projectId(), EventHash.FORMAT, walk.checked, walk.legacy,
                walk.firstBreak == null, walk.firstBreak);
    }

    /** The state of one pass along the chain. */
    private static final class Walk {
        private int seen;
        private int checked;
        private int legacy;
        private String previousHash = "";
        private ChainBreak firstBreak;

        void check(EventHash.Content event, byte[] metadataJson) {
            long expectedSequence = seen++;
            if (firstBreak != null) {
                return;
            }
            if (event.sequence() != expectedSequence) {
                firstBreak = new ChainBreak(event.eventId(), event.sequence(),
                        "expected sequence " + expectedSequence + " here: an event is missing");
                return;
            }
            Optional<String> stored = StoredEventHashes.hashIn(metadataJson);
            if (stored.isEmpty()) {
                if (checked == 0) {
                    legacy++;  // written before events were hashed; the chain starts after them
                } else {
                    firstBreak = new ChainBreak(event.eventId(), event.sequence(), "it carries no hash");
                }
                return;
            }
            checked++;
            if (!EventHash.of(event, previousHash).equals(stored.get())) {
                firstBreak = new ChainBreak(event.eventId(), event.sequence(),
                        "its content or its link to the previous event does not match its hash");
                return;
            }
            previousHash = stored.get();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(byte[] json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }
}
