package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A project's whole event stream as the event-log endpoint pages it. */
public final class ProjectEvents {

    private ProjectEvents() {
    }

    public static List<JsonNode> all(ApiClient client, String projectId) {
        List<JsonNode> events = new ArrayList<>();
        long after = -1;
        boolean more = true;
        while (more) {
            ApiClient.Response page = client.get("/api/projects/" + projectId + "/events?limit=1000&after=" + after);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("events").forEach(events::add);
            after = page.json().get("nextAfter").asLong();
            more = page.json().get("hasMore").asBoolean();
        }
        return events;
    }
}
