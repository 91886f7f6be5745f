package io.taskledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

/** A whole plan driven through HTTP, from import to success, through retries, escalations and their resolution. */
class PlanLifecycleTest extends IntegrationTest {

    private static final Map<String, Boolean> S01_PASSES = Map.of(
            "P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true);
    private static final Map<String, Boolean> S01_FAILS = Map.of(
            "P04-T01-S01-01/1", true, "P04-T01-S01-01/2", false);

    private Projects projects;

    @BeforeEach
    void setUp() {
        projects = new Projects(api);
    }

    @Test
    void an_imported_plan_shows_what_is_ready_and_what_waits_for_what() {
        String projectId = projects.create();
        Response imported = api.post("/api/projects/" + projectId + "/plan", ExamplePlan.json());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("tasksAdded").asInt()).isEqualTo(6);

        Map<String, JsonNode> rows = rows(projectId, version(imported));

        assertThat(status(rows, "P04")).isEqualTo("READY");
        assertThat(status(rows, "P04-T01")).isEqualTo("READY");
        assertThat(status(rows, "P04-T01-S01")).isEqualTo("READY");
        assertThat(status(rows, "P04-T01-S02")).isEqualTo("PENDING");
        assertThat(rows.get("P04-T01-S02").get("blockedBy").toString()).isEqualTo("[\"P04-T01-S01\"]");
        assertThat(status(rows, "P04-T02-S01")).isEqualTo("PENDING");
        assertThat(rows.get("P04-T02-S01").get("blockedBy").toString()).contains("P04-T01");
        assertThat(rows.get("P04-T01-S01").get("level").asText()).isEqualTo("SUBTASK");
        assertThat(rows.get("P04-T01-S01").get("parent").asText()).isEqualTo("P04-T01");
        assertThat(rows.get("P04-T01-S01").get("maxRetries").asInt()).isEqualTo(1);
    }

    @Test
    void succeeding_every_leaf_completes_tasks_phase_and_unblocks_dependents_at_once() {
        String projectId = projects.createWithExamplePlan();

        Response started = projects.start(projectId, "P04-T01-S01", "@coding-agent");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("attempt").asInt()).isEqualTo(1);
        assertThat(started.json().get("leaseExpiresAt").asText()).isNotBlank();

        Response reported = projects.report(projectId, "P04-T01-S01", 1, S01_PASSES);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(status(rows(projectId, version(reported)), "P04-T01-S02")).isEqualTo("READY");

        projects.start(projectId, "P04-T01-S02", "@coding-agent");
        Response last = projects.report(projectId, "P04-T01-S02", 1, Map.of("P04-T01-S02-01/1", true));
        Map<String, JsonNode> rows = rows(projectId, version(last));
        assertThat(status(rows, "P04-T01")).isEqualTo("SUCCEEDED");
        assertThat(status(rows, "P04-T02")).isEqualTo("READY");
        assertThat(status(rows, "P04-T02-S01")).isEqualTo("READY");
        assertThat(rows.get("P04-T02-S01").get("blockedBy")).isEmpty();

        Response unassignedStart = projects.start(projectId, "P04-T02-S01", "@api-agent");
        assertThat(unassignedStart.status()).as("an unassigned task is claimed by its starter").isEqualTo(200);
        Response done = projects.report(projectId, "P04-T02-S01", 1, Map.of("P04-T02-S01-01/1", true));
        rows = rows(projectId, version(done));
        assertThat(rows.get("P04-T02-S01").get("assignee").asText()).isEqualTo("@api-agent");
        assertThat(status(rows, "P04")).isEqualTo("SUCCEEDED");

        JsonNode project = api.get("/api/projects/" + projectId, "X-Min-Version", String.valueOf(version(done)))
                .json();
        assertThat(project.get("progressPercent").asInt()).isEqualTo(100);
        assertThat(project.get("countsByStatus").get("SUCCEEDED").asInt()).isEqualTo(6);
    }

    @Test
    void a_failed_attempt_is_retried_then_escalated_and_a_manager_retries_then_accepts() {
        String projectId = projects.createWithExamplePlan();

        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        Response firstFailure = projects.report(projectId, "P04-T01-S01", 1, S01_FAILS);
        assertThat(firstFailure.json().get("status").asText()).as("one retry left").isEqualTo("READY");

        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        Response secondFailure = projects.report(projectId, "P04-T01-S01", 2, S01_FAILS);
        assertThat(secondFailure.json().get("status").asText()).isEqualTo("ESCALATED");

        JsonNode escalation = openEscalation(projectId, version(secondFailure));
        assertThat(escalation.get("escalateTo").asText()).isEqualTo("@development-orchestrator-agent");
        assertThat(escalation.get("attempts").asInt()).isEqualTo(2);
        assertThat(escalation.get("failedCriteria").toString())
                .contains("P04-T01-S01-01/2").contains("did not pass");

        Response retry = api.post(Projects.task(projectId, "P04-T01-S01") + "/resolve",
                json("decision", "RETRY", "justification", "dependency mirror was down"));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(status(rows(projectId, version(retry)), "P04-T01-S01")).isEqualTo("READY");

        Response third = projects.start(projectId, "P04-T01-S01", "@coding-agent");
        assertThat(third.json().get("attempt").asInt()).isEqualTo(3);
        projects.report(projectId, "P04-T01-S01", 3, S01_FAILS);
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        Response escalatedAgain = projects.report(projectId, "P04-T01-S01", 4, S01_FAILS);
        assertThat(escalatedAgain.json().get("status").asText()).as("a retry grants a fresh budget of 2 attempts")
                .isEqualTo("ESCALATED");

        Response accept = api.post(Projects.task(projectId, "P04-T01-S01") + "/resolve",
                json("decision", "ACCEPT", "justification", "verified manually: package.json exists"));
        assertThat(accept.status()).as(accept.toString()).isEqualTo(200);
        Map<String, JsonNode> rows = rows(projectId, version(accept));
        assertThat(status(rows, "P04-T01-S01")).isEqualTo("SUCCEEDED");
        assertThat(status(rows, "P04-T01-S02")).isEqualTo("READY");

        JsonNode details = projects.task(projectId, "P04-T01-S01", version(accept));
        assertThat(details.get("attemptHistory")).hasSize(4);
        assertThat(details.get("attemptHistory").get(0).get("outcome").asText()).isEqualTo("FAILED");
        JsonNode resolved = api.get("/api/escalations?status=RESOLVED").json();
        assertThat(resolved.toString()).contains(projectId).contains("verified manually");
    }

    @Test
    void a_task_whose_policy_is_fail_fails_when_its_attempts_run_out() {
        String projectId = projects.createWithExamplePlan();
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        projects.report(projectId, "P04-T01-S01", 1, S01_PASSES);

        projects.start(projectId, "P04-T01-S02", "@coding-agent");
        Response failed = projects.report(projectId, "P04-T01-S02", 1, Map.of("P04-T01-S02-01/1", false));

        assertThat(failed.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(status(rows(projectId, version(failed)), "P04-T02-S01")).isEqualTo("PENDING");
    }

    @Test
    void an_escalation_cancelled_by_a_manager_cancels_the_task() {
        String projectId = projects.createWithExamplePlan();
        for (int attempt = 1; attempt <= 2; attempt++) {
            projects.start(projectId, "P04-T01-S01", "@coding-agent");
            projects.report(projectId, "P04-T01-S01", attempt, S01_FAILS);
        }

        Response cancel = api.post(Projects.task(projectId, "P04-T01-S01") + "/resolve",
                json("decision", "CANCEL", "justification", "no longer needed"));

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(status(rows(projectId, version(cancel)), "P04-T01-S01")).isEqualTo("CANCELLED");
    }

    @Test
    void the_next_task_of_an_agent_is_its_most_urgent_ready_leaf() {
        String projectId = projects.create();
        String agent = "@agent-" + Projects.uniqueKey().toLowerCase();
        projects.agent(agent);
        projects.join(projectId, agent, ProjectRole.AGENT);
        api.post("/api/projects/" + projectId + "/tasks", json("key", "P1", "level", "PHASE", "title", "Phase"));
        api.post("/api/projects/" + projectId + "/tasks", json("key", "P1-T1", "level", "TASK", "parent", "P1",
                "title", "Routine", "assignee", agent, "priority", "LOW"));
        Response urgent = api.post("/api/projects/" + projectId + "/tasks", json("key", "P1-T2", "level", "TASK",
                "parent", "P1", "title", "Urgent", "assignee", agent, "priority", "CRITICAL"));
        assertThat(urgent.status()).as(urgent.toString()).isEqualTo(201);
        rows(projectId, version(urgent));

        Response next = api.get("/api/agents/" + agent + "/next-task");

        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.json().get("key").asText()).isEqualTo("P1-T2");
        assertThat(api.get("/api/agents").json().toString()).contains(agent);
    }

    private Map<String, JsonNode> rows(String projectId, long atLeastVersion) {
        Response response = api.get("/api/projects/" + projectId + "/tasks",
                "X-Min-Version", String.valueOf(atLeastVersion));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        response.json().forEach(row -> rows.put(row.get("key").asText(), row));
        return rows;
    }

    private static String status(Map<String, JsonNode> rows, String key) {
        assertThat(rows).containsKey(key);
        return rows.get(key).get("status").asText();
    }

    private JsonNode openEscalation(String projectId, long atLeastVersion) {
        rows(projectId, atLeastVersion);
        Map<String, JsonNode> byProject = new HashMap<>();
        api.get("/api/escalations?status=OPEN").json()
                .forEach(entry -> byProject.put(entry.get("projectId").asText(), entry));
        assertThat(byProject).containsKey(projectId);
        return byProject.get(projectId);
    }
}
