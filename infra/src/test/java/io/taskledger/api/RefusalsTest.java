package io.taskledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is a problem detail with the right status, a stable code and the rule in words; nothing applies. */
class RefusalsTest extends IntegrationTest {

    private Projects projects;

    @BeforeEach
    void setUp() {
        projects = new Projects(api);
    }

    @Test
    void starting_a_task_whose_prerequisite_has_not_succeeded_names_the_rule() {
        String projectId = projects.createWithExamplePlan();

        Response refused = projects.start(projectId, "P04-T01-S02", "@coding-agent");

        assertProblem(refused, 409, "TASK_NOT_READY");
        assertThat(refused.json().get("detail").asText())
                .contains("P04-T01-S02 cannot start").contains("P04-T01-S01").contains("READY, not SUCCEEDED");
        assertThat(refused.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void workflow_rules_are_refused_with_409_and_their_code() {
        String projectId = projects.createWithExamplePlan();

        assertProblem(projects.start(projectId, "P04-T01", "@coding-agent"), 409, "NOT_A_LEAF");
        assertProblem(projects.start(projectId, "P04-T01-S01", "@someone-else"), 409, "NOT_ASSIGNEE");
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        assertProblem(projects.report(projectId, "P04-T01-S01", 7, Map.of(
                "P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true)), 409, "NOT_CURRENT_ATTEMPT");
        assertProblem(api.post(Projects.task(projectId, "P04-T01-S01") + "/prerequisites",
                json("key", "P04-T02-S01")), 409, "STRUCTURE_FROZEN");
        assertProblem(api.post(Projects.task(projectId, "P04-T01-S02") + "/resolve",
                json("decision", "ACCEPT", "justification", "why not")), 409, "TASK_NOT_ESCALATED");
    }

    @Test
    void a_report_missing_a_criterion_is_bad_input() {
        String projectId = projects.createWithExamplePlan();
        projects.start(projectId, "P04-T01-S01", "@coding-agent");

        Response refused = projects.report(projectId, "P04-T01-S01", 1, Map.of("P04-T01-S01-01/1", true));

        assertProblem(refused, 400, "INCOMPLETE_REPORT");
        assertThat(refused.json().get("detail").asText()).contains("P04-T01-S01-01/2");
    }

    @Test
    void an_invalid_plan_lists_every_violation_and_applies_nothing() {
        String projectId = projects.create();
        String plan = """
                {"phases":[{"key":"P1","title":"One","tasks":[
                  {"key":"P1-T1","title":"A","prerequisites":["P1-T2"]},
                  {"key":"P1-T2","title":"B","prerequisites":["P1-T1"]},
                  {"key":"P1-T1","title":"Duplicate"},
                  {"key":"P1-T3","title":"C","prerequisites":["NOPE"]}]}]}
                """;

        Response refused = api.post("/api/projects/" + projectId + "/plan", plan);

        assertProblem(refused, 409, "INVALID_PLAN");
        JsonNode violations = refused.json().get("violations");
        assertThat(violations.size()).isGreaterThanOrEqualTo(3);
        assertThat(violations.toString()).contains("P1-T1").contains("NOPE");
        Response tasks = api.get("/api/projects/" + projectId + "/tasks", "X-Min-Version", "0");
        assertThat(tasks.json()).as("nothing of a refused plan is applied").isEmpty();
        assertThat(api.get("/api/projects/" + projectId).header("ETag"))
                .as("created, its creator made OWNER, and nothing since").isEqualTo("\"1\"");
    }

    @Test
    void malformed_input_is_400_naming_the_field() {
        String projectId = projects.create();

        assertProblem(api.post("/api/projects/" + projectId + "/plan", "{not json"), 400, "INVALID_INPUT");
        Response unknownField = api.post("/api/projects", json("key", Projects.uniqueKey(), "name", "x",
                "owner", "mallory"));
        assertProblem(unknownField, 400, "INVALID_INPUT");
        assertThat(unknownField.json().get("detail").asText()).contains("owner");
        Response badEnum = api.post("/api/projects/" + projectId + "/tasks",
                json("key", "P1", "level", "EPIC", "title", "x"));
        assertProblem(badEnum, 400, "INVALID_INPUT");
        assertThat(badEnum.json().get("detail").asText()).contains("level");
        Response missingTitle = api.post("/api/projects/" + projectId + "/plan",
                "{\"phases\":[{\"key\":\"P1\",\"tasks\":[{\"key\":\"P1-T1\",\"title\":\"ok\"}]}]}");
        assertProblem(missingTitle, 400, "INVALID_INPUT");
        assertThat(missingTitle.json().get("detail").asText()).contains("phases[0].title");
    }

    @Test
    void unknown_projects_and_tasks_are_404() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(api.get("/api/projects/" + unknown), 404, "PROJECT_NOT_FOUND");
        assertProblem(api.post("/api/projects/" + unknown + "/archive", null), 404, "PROJECT_NOT_FOUND");
        String projectId = projects.createWithExamplePlan();
        assertProblem(projects.start(projectId, "P99", "@coding-agent"), 404, "TASK_NOT_FOUND");
        assertProblem(api.get(Projects.task(projectId, "P99"), "X-Min-Version", "1"), 404, "TASK_NOT_FOUND");
    }

    @Test
    void project_keys_are_unique_regardless_of_case() {
        String key = Projects.uniqueKey();
        assertThat(api.post("/api/projects", json("key", key, "name", "first")).status()).isEqualTo(201);

        assertProblem(api.post("/api/projects", json("key", key.toLowerCase(), "name", "second")), 409,
                "DUPLICATE_PROJECT_KEY");
    }

    @Test
    void if_match_makes_a_command_conditional_on_the_version() {
        String projectId = projects.create();
        Response archivedWithWrongVersion = api.post("/api/projects/" + projectId + "/archive", null,
                "If-Match", "\"5\"");
        assertProblem(archivedWithWrongVersion, 412, "VERSION_MISMATCH");

        Response archived = api.post("/api/projects/" + projectId + "/archive", null, "If-Match", "\"1\"");
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(version(archived)).isEqualTo(2);
    }

    @Test
    void an_archived_project_accepts_no_more_commands() {
        String projectId = projects.createWithExamplePlan();
        projects.agent("@coding-agent");
        projects.join(projectId, "@coding-agent", ProjectRole.AGENT);
        api.post("/api/projects/" + projectId + "/archive", null);

        Response refused = projects.start(projectId, "P04-T01-S01", "@coding-agent");

        assertProblem(refused, 409, "PROJECT_ARCHIVED");
        assertThat(refused.json().get("detail").asText()).contains("archived");
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
