package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees of the projections and their dead letters, through the admin API. */
public final class Operators {

    private Operators() {
    }

    /** The parked events of one project, first letter first. */
    public static List<JsonNode> deadLettersOf(ApiClient admin, String projectId) {
        ApiClient.Response letters = admin.get("/api/admin/dead-letters");
        assertThat(letters.status()).as(letters.toString()).isEqualTo(200);
        return StreamSupport.stream(letters.json().spliterator(), false)
                .filter(letter -> letter.get("sequence").asText().equals(projectId))
                .toList();
    }

    /** One projection's status, as {@code GET /api/admin/projections} lists it. */
    public static JsonNode projection(ApiClient admin, String name) {
        return StreamSupport.stream(admin.get("/api/admin/projections").json().spliterator(), false)
                .filter(projection -> projection.get("name").asText().equals(name))
                .findFirst().orElseThrow();
    }
}
