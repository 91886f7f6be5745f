package io.taskledger.infra.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.infra.axon.AxonConfiguration;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash that chains a project's events (format {@value #FORMAT}): SHA-256, hex, over, each length-prefixed,
 * the format name, the aggregate id, the sequence number, the event id, the payload type and revision, the timestamp
 * as stored, the metadata (every entry but the hash itself, keys sorted, values as text), the previous event's hash
 * (empty for the first event) and the payload bytes exactly as stored. Whatever an UPDATE changes in a stored event
 * (payload, actor, time, order) changes its hash; re-hashing it breaks the next event's link.
 */
public final class EventHash {

    /** The metadata entry holding an event's hash. */
    public static final String METADATA_KEY = "integrityHash";
    public static final String FORMAT = "taskledger-chain-v1";

    private static final ObjectMapper JSON = AxonConfiguration.axonObjectMapper();

    private EventHash() {
    }

    public record Content(String aggregateId, long sequence, String eventId, String payloadType,
                          String payloadRevision, String timestamp, Map<String, ?> metadata, byte[] payload) {
    }

    public static String of(Content event, String previousHash) {
        MessageDigest digest = sha256();
        field(digest, FORMAT);
        field(digest, event.aggregateId());
        field(digest, Long.toString(event.sequence()));
        field(digest, event.eventId());
        field(digest, event.payloadType());
        field(digest, event.payloadRevision() == null ? "" : event.payloadRevision());
        field(digest, event.timestamp());
        field(digest, canonicalMetadata(event.metadata()));
        field(digest, previousHash == null ? "" : previousHash);
        field(digest, event.payload());
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Sorted keys, text values, the hash itself left out: the same whether read from a message or from JSON. */
    static String canonicalMetadata(Map<String, ?> metadata) {
        Map<String, String> sorted = new TreeMap<>();
        JsonNode tree = JSON.valueToTree(metadata);
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!METADATA_KEY.equals(entry.getKey())) {
                sorted.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText()
                        : entry.getValue().toString());
            }
        }
        try {
            return JSON.writeValueAsString(sorted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(MessageDigest digest, String text) {
        field(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
