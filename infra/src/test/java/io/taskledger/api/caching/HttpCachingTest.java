package io.taskledger.api.caching;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.Projects.task;
import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching of the project-scoped reads (docs/caching.md): each answers the project version it reflects as ETag,
 * to be revalidated by the caller's own cache only; If-None-Match with that version is 304 with no body; a stale ETag
 * gets the new answer; and a viewer who lost access is answered 404, never 304.
 */
class HttpCachingTest extends IntegrationTest {

    private ApiClient owner;
    private Projects projects;
    private String projectId;
    private String viewerName;
    private ApiClient viewer;
    private long version;

    @BeforeEach
    void aProjectWithAViewer() {
        owner = accounts.as(Accounts.uniqueUsername("owner"), AccountKind.HUMAN, GlobalRole.MANAGER);
        projects = new Projects(owner, accounts);
        projectId = projects.createWithExamplePlan();
        viewerName = Accounts.uniqueUsername("viewer");
        viewer = accounts.as(viewerName, AccountKind.HUMAN, GlobalRole.VIEWER);
        Response added = owner.post("/api/projects/" + projectId + "/members",
                json("username", viewerName, "role", "VIEWER"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        version = version(added);
    }

    /** Every project-scoped GET that reads a read model or the event store by version. */
    private List<String> reads() {
        String base = "/api/projects/" + projectId;
        String s01 = task(projectId, "P04-T01-S01");
        String firstEvent = viewer.get(base + "/events", "X-Min-Version", String.valueOf(version)).json()
                .get("events").get(0).get("eventId").asText();
        return List.of(base, base + "/tasks", base + "/tasks?status=READY", s01, base + "/members",
                base + "/events", s01 + "/history", base + "/events/" + firstEvent + "/causes",
                base + "?asOfVersion=1", base + "/tasks?asOfVersion=1", s01 + "?asOfVersion=" + version);
    }

    @Test
    void every_project_read_answers_its_version_as_etag_and_304_to_a_revalidation_at_it() {
        String etag = "\"" + version + "\"";
        for (String path : reads()) {
            Response full = viewer.get(path, "X-Min-Version", String.valueOf(version));
            assertThat(full.status()).as(full.toString()).isEqualTo(200);
            assertThat(full.header("ETag")).as(path).isEqualTo(etag);
            assertThat(full.header("Cache-Control")).as(path).contains("private").contains("no-cache")
                    .doesNotContain("no-store");

            Response revalidated = viewer.get(path, "If-None-Match", etag);
            assertThat(revalidated.status()).as(revalidated.toString()).isEqualTo(304);
            assertThat(revalidated.header("ETag")).as(path).isEqualTo(etag);
            assertThat(revalidated.body()).as(path).isEmpty();
        }
    }

    @Test
    void a_stale_etag_gets_the_new_answer() {
        String s02 = task(projectId, "P04-T01-S02");
        Response before = viewer.get(s02, "X-Min-Version", String.valueOf(version));
        String staleTag = before.header("ETag");
        Response assigned = owner.post(s02 + "/assign", json("assignee", "@someone-else"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        long changed = version(assigned);

        Response task = viewer.get(s02, "If-None-Match", staleTag, "X-Min-Version", String.valueOf(changed));
        Response board = viewer.get("/api/projects/" + projectId + "/tasks", "If-None-Match", staleTag,
                "X-Min-Version", String.valueOf(changed));

        assertThat(task.status()).as(task.toString()).isEqualTo(200);
        assertThat(task.header("ETag")).isEqualTo("\"" + changed + "\"");
        assertThat(task.json().get("assignee").asText()).isEqualTo("@someone-else");
        assertThat(board.status()).as(board.toString()).isEqualTo(200);
        assertThat(board.header("ETag")).isEqualTo("\"" + changed + "\"");
        assertThat(board.body()).contains("@someone-else");
    }

    @Test
    void a_viewer_who_lost_access_is_never_answered_not_modified() {
        String board = "/api/projects/" + projectId + "/tasks";
        String etag = viewer.get(board, "X-Min-Version", String.valueOf(version)).header("ETag");
        assertThat(viewer.get(board, "If-None-Match", etag).status()).isEqualTo(304);

        Response removed = owner.delete("/api/projects/" + projectId + "/members/" + viewerName);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        String current = "\"" + version(removed) + "\"";
        owner.get(board, "X-Min-Version", String.valueOf(version(removed)));

        for (String tag : List.of(etag, current)) {
            Response refused = viewer.get(board, "If-None-Match", tag);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.json().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
        }
    }

    @Test
    void verifying_the_hash_chain_is_never_answered_from_a_cache() {
        String verify = "/api/projects/" + projectId + "/verify";
        Response first = viewer.get(verify, "X-Min-Version", String.valueOf(version));

        Response again = viewer.get(verify, "If-None-Match", "\"" + version + "\"");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Cache-Control")).contains("no-store");
    }

    @Test
    void readers_of_one_board_version_get_the_same_json() {
        String board = "/api/projects/" + projectId + "/tasks";
        Response first = owner.get(board, "X-Min-Version", String.valueOf(version));

        Response second = viewer.get(board, "X-Min-Version", String.valueOf(version));

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body()).contains("P04-T01-S01");
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
    }
}
