package io.taskledger.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.audit.VerifyProjectQuery;
import io.taskledger.api.query.FindTasksOfProjectsQuery;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project read over GraphQL is executed once per project version and then answered as kept; who may see the
 * project is decided before every answer, and a kept answer is never served once the project has moved.
 */
class GraphQlKeptAnswersTest extends IntegrationTest {

    private static final String BOARD = "query($id: ID!) { project(id: $id) { version tasks { key status } } }";

    @Autowired
    private MeterRegistry meters;

    @Test
    void a_board_is_executed_once_per_version_and_shown_only_to_those_who_may_see_it() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        JsonNode first = board(api, projectId);
        double taskReads = asked(FindTasksOfProjectsQuery.class);

        JsonNode second = board(api, projectId);

        assertThat(second).isEqualTo(first);
        assertThat(asked(FindTasksOfProjectsQuery.class)).as("the kept answer reads no task").isEqualTo(taskReads);
        ApiClient outsider = accounts.fresh(GlobalRole.MANAGER);
        Response hidden = outsider.post("/graphql", json("query", BOARD, "variables", json("id", projectId)));
        assertThat(hidden.json().at("/data/project").isNull()).as(hidden.toString()).isTrue();

        Response added = api.post("/graphql", json("query", "mutation($id: ID!) { addTask(projectId: $id, task: "
                + "{ key: \"P99\", level: PHASE, title: \"Added later\" }) { version } }", "variables", json("id", projectId)));
        assertThat(added.json().has("errors")).as(added.toString()).isFalse();
        Response moved = api.post("/graphql", json("query", BOARD, "variables", json("id", projectId)),
                "X-Min-Position", added.header("X-Min-Position"));

        JsonNode after = moved.json().at("/data/project");
        assertThat(after.get("version").asLong()).isGreaterThan(first.get("version").asLong());
        assertThat(after.get("tasks").findValuesAsText("key")).contains("P99");
        assertThat(board(api, projectId)).isEqualTo(after);
    }

    @Test
    void the_audit_reads_are_never_kept() {
        String projectId = new Projects(api).createWithExamplePlan();
        String verify = "query($id: ID!) { project(id: $id) { version verify { intact } } }";
        double verifications = asked(VerifyProjectQuery.class);

        for (int i = 0; i < 2; i++) {
            Response verified = api.post("/graphql", json("query", verify, "variables", json("id", projectId)));
            assertThat(verified.json().at("/data/project/verify/intact").asBoolean()).as(verified.toString()).isTrue();
        }

        assertThat(asked(VerifyProjectQuery.class) - verifications).isEqualTo(2);
    }

    private static JsonNode board(ApiClient client, String projectId) {
        Response response = client.post("/graphql", json("query", BOARD, "variables", json("id", projectId)));
        assertThat(response.json().has("errors")).as(response.toString()).isFalse();
        JsonNode project = response.json().at("/data/project");
        assertThat(project.get("tasks")).as(response.toString()).isNotEmpty();
        return project;
    }

    private double asked(Class<?> query) {
        Counter counter = meters.find("queryBus.successCounter").tag("payloadType", query.getSimpleName()).counter();
        return counter == null ? 0 : counter.count();
    }
}
