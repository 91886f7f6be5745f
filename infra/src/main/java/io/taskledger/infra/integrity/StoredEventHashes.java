package io.taskledger.infra.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.infra.axon.AxonConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Reads the hash an event was stored with, inside the caller's transaction (it sees that transaction's appends). */
class StoredEventHashes {

    private static final ObjectMapper JSON = AxonConfiguration.axonObjectMapper();

    private final JdbcTemplate jdbc;

    StoredEventHashes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> hashOf(String aggregateId, long sequence) {
        List<byte[]> metadata = jdbc.query(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                (row, number) -> row.getBytes(1), aggregateId, sequence);
        return metadata.stream().findFirst().flatMap(StoredEventHashes::hashIn);
    }

    static Optional<String> hashIn(byte[] metadataJson) {
        if (metadataJson == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(metadataJson).get(EventHash.METADATA_KEY))
                    .map(hash -> hash.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON", e);
        }
    }
}
