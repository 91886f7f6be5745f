package io.taskledger.infra.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the hash format: stored chains are verified with it, so any change to what is hashed must come as a new
 * format (and this test's value changes only then).
 */
class EventHashTest {

    private static final EventHash.Content EVENT = new EventHash.Content(
            "0b7e0f4e-4c8a-4b6e-9d52-0a4c2b1e9f10", 3, "5f1d8a2e-1b7c-4d3f-a2e9-6c0b9e8d7a41",
            "io.taskledger.api.event.TaskBecameReady", "1", "2026-01-02T03:04:05.678Z",
            Map.of("actor", "@manager", "correlationId", "c-1", "causationId", "m-1"),
            "{\"projectId\":\"0b7e0f4e-4c8a-4b6e-9d52-0a4c2b1e9f10\",\"taskKey\":\"P04-T01\"}"
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void the_format_is_pinned() {
        assertThat(EventHash.of(EVENT, "previous")).isEqualTo(EventHash.of(EVENT, "previous"))
                .isEqualTo(PINNED);
    }

    @Test
    void the_hash_covers_the_previous_hash_the_metadata_and_the_payload_but_not_itself() {
        String hash = EventHash.of(EVENT, "previous");
        Map<String, Object> withHash = new LinkedHashMap<>(EVENT.metadata());
        withHash.put(EventHash.METADATA_KEY, hash);

        assertThat(EventHash.of(EVENT, "other")).isNotEqualTo(hash);
        assertThat(EventHash.of(with(Map.of("actor", "@intruder", "correlationId", "c-1", "causationId", "m-1"),
                EVENT.payload()), "previous")).isNotEqualTo(hash);
        assertThat(EventHash.of(with(EVENT.metadata(), "{}".getBytes(StandardCharsets.UTF_8)), "previous"))
                .isNotEqualTo(hash);
        assertThat(EventHash.of(with(withHash, EVENT.payload()), "previous")).isEqualTo(hash);
    }

    private static EventHash.Content with(Map<String, ?> metadata, byte[] payload) {
        return new EventHash.Content(EVENT.aggregateId(), EVENT.sequence(), EVENT.eventId(), EVENT.payloadType(),
                EVENT.payloadRevision(), EVENT.timestamp(), metadata, payload);
    }

    /** Recomputed independently (Python hashlib) from the format described on {@link EventHash}. */
    private static final String PINNED = "65352683d6f306ea796cdf96015425df33baf83fe84b96cda7492ed1480cb34c";
}
