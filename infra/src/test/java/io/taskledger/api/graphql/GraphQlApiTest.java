package io.taskledger.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL at /graphql against the running server: the same accounts, rules, codes and events as REST. */
class GraphQlApiTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOARD = """
            query Board($id: ID!, $min: Int) {
              project(id: $id, minVersion: $min) { id key version tasks { key level status assignee attempts blockedBy } }
            }""";
    private static final String START = """
            mutation Start($p: ID!, $t: String!, $v: Int) {
              startTask(projectId: $p, taskKey: $t, expectedVersion: $v) { attempt leaseExpiresAt version }
            }""";
    private static final String REPORT = """
            mutation Report($p: ID!, $t: String!, $a: Int!, $r: [CriterionResultInput!]!) {
              reportAttempt(projectId: $p, taskKey: $t, attempt: $a, results: $r) { taskKey status version }
            }""";

    private Projects projects;

    @BeforeEach
    void setUp() {
        projects = new Projects(api, accounts);
    }

    @Test
    void a_request_without_a_token_is_refused_as_over_rest() {
        Response refused = anonymous.post("/graphql", json("query", "{ me { username } }"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void an_agent_works_a_subtask_from_its_next_task_to_succeeded_over_graphql() {
        String agent = "@gql-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = data(api, """
                mutation { createProject(input: {key: "%s", name: "Over GraphQL"}) { id key version } }"""
                .formatted(Projects.uniqueKey())).get("createProject");
        String projectId = created.get("id").asText();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        JsonNode imported = data(api, "mutation($p: ID!, $plan: PlanInput!) { importPlan(projectId: $p, plan: $plan) "
                + "{ version tasksAdded } }", "p", projectId, "plan", plan(agent)).get("importPlan");
        assertThat(imported.get("tasksAdded").asInt()).isEqualTo(6);
        ApiClient agentClient = projects.agent(agent);
        projects.join(projectId, agent, ProjectRole.AGENT);

        JsonNode board = data(api, BOARD, "id", projectId, "min", imported.get("version").asInt()).get("project");
        assertThat(board.get("tasks")).extracting(task -> task.get("key").asText() + "=" + task.get("status").asText())
                .contains("P04-T01-S01=READY", "P04-T01-S02=PENDING");
        assertThat(board.get("tasks")).filteredOn(task -> task.get("key").asText().equals("P04-T01-S02"))
                .extracting(task -> task.at("/blockedBy/0").asText()).containsExactly("P04-T01-S01");

        JsonNode next = data(agentClient, "query($a: String!) { nextTask(agent: $a) { projectId key status } }",
                "a", agent).get("nextTask");
        assertThat(next.get("key").asText()).isEqualTo("P04-T01-S01");
        JsonNode started = data(agentClient, START, "p", projectId, "t", "P04-T01-S01").get("startTask");
        assertThat(started.get("attempt").asInt()).isEqualTo(1);
        assertThat(started.get("leaseExpiresAt").asText()).isNotBlank();
        JsonNode reported = data(agentClient, REPORT, "p", projectId, "t", "P04-T01-S01", "a", 1, "r", List.of(
                json("criterion", "P04-T01-S01-01/1", "passed", true, "evidence", "exit 0"),
                json("criterion", "P04-T01-S01-01/2", "passed", true, "evidence", "found"))).get("reportAttempt");

        assertThat(reported.get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode after = data(agentClient, BOARD, "id", projectId, "min", reported.get("version").asInt())
                .get("project");
        assertThat(after.get("version").asInt()).isGreaterThanOrEqualTo(reported.get("version").asInt());
        assertThat(after.get("tasks")).extracting(task -> task.get("key").asText() + "=" + task.get("status").asText())
                .contains("P04-T01-S01=SUCCEEDED", "P04-T01-S02=READY");
        JsonNode history = data(agentClient, """
                query($id: ID!) { project(id: $id) { task(key: "P04-T01-S01") {
                  steps { key criteria { name type } } attemptHistory { number agent outcome results { criterion passed } }
                } } }""", "id", projectId).at("/project/task");
        assertThat(history.at("/steps/0/criteria/0/name").asText()).isEqualTo("P04-T01-S01-01/1");
        assertThat(history.at("/attemptHistory/0/outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(history.at("/attemptHistory/0/agent").asText()).isEqualTo(agent);
    }

    @Test
    void every_mutation_appends_the_same_events_as_its_rest_twin() {
        String agent = "@twin-" + UUID.randomUUID().toString().substring(0, 8);
        String overRest = projects.create();
        Response restPlan = api.post("/api/projects/" + overRest + "/plan", plan(agent));
        assertThat(restPlan.status()).as(restPlan.toString()).isEqualTo(200);
        ApiClient agentClient = projects.agent(agent);
        projects.join(overRest, agent, ProjectRole.AGENT);
        assertThat(agentClient.post(Projects.task(overRest, "P04-T01-S01") + "/start", null).status()).isEqualTo(200);
        assertThat(agentClient.post(Projects.task(overRest, "P04-T01-S01") + "/report", json("attempt", 1,
                "results", List.of(json("criterion", "P04-T01-S01-01/1", "passed", false, "evidence", "exit 1"),
                        json("criterion", "P04-T01-S01-01/2", "passed", true)))).status()).isEqualTo(200);
        assertThat(api.post(Projects.task(overRest, "P04-T02-S01") + "/assign", json("assignee", agent)).status())
                .isEqualTo(200);
        assertThat(api.post(Projects.task(overRest, "P04-T02") + "/cancel", json("reason", "not needed")).status())
                .isEqualTo(200);

        String overGraphQl = data(api, "mutation($k: String!) { createProject(input: {key: $k, name: \"Twin\"}) "
                + "{ id } }", "k", Projects.uniqueKey()).at("/createProject/id").asText();
        data(api, "mutation($p: ID!, $plan: PlanInput!) { importPlan(projectId: $p, plan: $plan) { version } }",
                "p", overGraphQl, "plan", plan(agent));
        data(api, "mutation($p: ID!, $u: String!) { addMember(projectId: $p, username: $u, role: AGENT) "
                + "{ version } }", "p", overGraphQl, "u", agent);
        data(agentClient, START, "p", overGraphQl, "t", "P04-T01-S01");
        data(agentClient, REPORT, "p", overGraphQl, "t", "P04-T01-S01", "a", 1, "r", List.of(
                json("criterion", "P04-T01-S01-01/1", "passed", false, "evidence", "exit 1"),
                json("criterion", "P04-T01-S01-01/2", "passed", true)));
        data(api, "mutation($p: ID!, $u: String!) { assignTask(projectId: $p, taskKey: \"P04-T02-S01\", "
                + "assignee: $u) { version } }", "p", overGraphQl, "u", agent);
        data(api, "mutation($p: ID!) { cancelTask(projectId: $p, taskKey: \"P04-T02\", reason: \"not needed\") "
                + "{ version } }", "p", overGraphQl);

        assertThat(eventTypes(overGraphQl)).isEqualTo(eventTypes(overRest)).contains("AttemptFailed", "TaskCancelled");
        assertThat(channels(overRest)).as("each event says the door its command came in by").containsOnly("rest");
        assertThat(channels(overGraphQl)).containsOnly("graphql");
    }

    @Test
    void a_refusal_carries_the_rest_code_and_detail() {
        String projectId = projects.createWithExamplePlan();
        String agent = "@coding-agent";
        ApiClient agentClient = projects.agent(agent);
        projects.join(projectId, agent, ProjectRole.AGENT);

        JsonNode notReady = errors(agentClient, START, "p", projectId, "t", "P04-T01-S02").get(0);
        assertThat(notReady.at("/extensions/code").asText()).isEqualTo("TASK_NOT_READY");
        Response rest = agentClient.post(Projects.task(projectId, "P04-T01-S02") + "/start", null);
        assertThat(notReady.get("message").asText()).isEqualTo(rest.json().get("detail").asText());

        JsonNode stale = errors(agentClient, START, "p", projectId, "t", "P04-T01-S01", "v", 3).get(0);
        assertThat(stale.at("/extensions/code").asText()).isEqualTo("VERSION_MISMATCH");
        assertThat(stale.at("/path/0").asText()).isEqualTo("startTask");
    }

    @Test
    void a_non_member_learns_nothing_a_missing_project_would_not_tell() {
        String projectId = projects.createWithExamplePlan();
        ApiClient outsider = accounts.fresh(GlobalRole.MANAGER);
        String missing = UUID.randomUUID().toString();

        assertThat(data(outsider, BOARD, "id", projectId).get("project").isNull()).isTrue();
        assertThat(data(outsider, BOARD, "id", missing).get("project").isNull()).isTrue();
        JsonNode hidden = errors(outsider, START, "p", projectId, "t", "P04-T01-S01").get(0);
        JsonNode absent = errors(outsider, START, "p", missing, "t", "P04-T01-S01").get(0);
        assertThat(hidden.at("/extensions/code").asText()).isEqualTo(absent.at("/extensions/code").asText())
                .isEqualTo("PROJECT_NOT_FOUND");
        assertThat(hidden.get("message").asText().replace(projectId, "ID"))
                .isEqualTo(absent.get("message").asText().replace(missing, "ID"));
        assertThat(data(outsider, "{ projects { items { id } } }").at("/projects/items"))
                .extracting(project -> project.get("id").asText()).doesNotContain(projectId);
    }

    @Test
    void a_read_only_role_may_query_but_not_mutate() {
        String projectId = projects.createWithExamplePlan();
        ApiClient auditor = accounts.fresh(GlobalRole.AUDITOR);

        assertThat(data(auditor, BOARD, "id", projectId).at("/project/id").asText()).isEqualTo(projectId);
        JsonNode refused = errors(auditor, "mutation($p: ID!) { archiveProject(projectId: $p) { version } }",
                "p", projectId).get(0);
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void an_operation_over_a_limit_runs_nothing_and_names_the_limit() {
        String key = Projects.uniqueKey();
        StringBuilder aliases = new StringBuilder("mutation {");
        for (int i = 0; i < 21; i++) {
            aliases.append(" a").append(i).append(": createProject(input: {key: \"").append(key).append(i)
                    .append("\", name: \"n\"}) { id }");
        }
        JsonNode tooManyAliases = errors(api, aliases.append(" }").toString()).get(0);
        assertThat(tooManyAliases.at("/extensions/limit").asText()).isEqualTo("taskledger.graphql.max-aliases");
        assertThat(tooManyAliases.get("message").asText()).contains("21 aliases", "at most 20");
        assertThat(api.get("/api/projects").body()).doesNotContain(key);

        JsonNode tooDeep = errors(api, "{ " + nested(11) + " }").get(0);
        assertThat(tooDeep.at("/extensions/limit").asText()).isEqualTo("taskledger.graphql.max-depth");
        assertThat(tooDeep.at("/extensions/code").asText()).isEqualTo("INVALID_INPUT");

        StringBuilder wide = new StringBuilder("{ me { username } ");
        for (int i = 0; i < 60; i++) {
            wide.append(" projects { items { id key name version taskCount progressPercent archived createdAt description"
                    + " countsByStatus { status count } members { username role } tasks { key status blockedBy } } }");
        }
        JsonNode tooComplex = errors(api, wide.append(" }").toString()).get(0);
        assertThat(tooComplex.at("/extensions/limit").asText()).isEqualTo("taskledger.graphql.max-complexity");
    }

    @Test
    void lists_page_with_the_cursor_fields_of_rest() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(data(manager, "mutation($k: String!) { createProject(input: {key: $k, name: \"Paged\"}) "
                    + "{ id } }", "k", Projects.uniqueKey()).at("/createProject/id").asText());
        }
        for (String id : created) {  // the read model shows them all before the list is paged
            assertThat(data(manager, BOARD, "id", id, "min", 1).at("/project/id").asText()).isEqualTo(id);
        }
        String page = "query($after: String) { projects(limit: 2, after: $after) { items { id } nextAfter hasMore } }";

        JsonNode first = data(manager, page).get("projects");
        JsonNode second = data(manager, page, "after", first.get("nextAfter").asText()).get("projects");

        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(second.get("hasMore").asBoolean()).isFalse();
        List<String> seen = new ArrayList<>();
        first.get("items").forEach(project -> seen.add(project.get("id").asText()));
        second.get("items").forEach(project -> seen.add(project.get("id").asText()));
        Collections.reverse(created);  // newest first
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(errors(manager, "{ projects(limit: 5000) { hasMore } }").at("/0/extensions/code").asText())
                .isEqualTo("INVALID_INPUT");
        String board = projects.createWithExamplePlan();
        JsonNode tasks = data(api, "query($id: ID!) { project(id: $id) { taskPage(limit: 4) { items { key } hasMore "
                + "nextAfter } tasks { key } } }", "id", board).get("project");
        assertThat(tasks.at("/taskPage/items")).hasSize(4);
        assertThat(tasks.at("/taskPage/hasMore").asBoolean()).isTrue();
        assertThat(tasks.get("tasks")).hasSize(6);
    }

    @Test
    void the_audit_reads_answer_what_rest_answers() {
        String projectId = projects.createWithExamplePlan();
        JsonNode restEvents = api.get("/api/projects/" + projectId + "/events?limit=3").json();

        JsonNode project = data(api, """
                query($id: ID!) { project(id: $id) {
                  events(limit: 3) { items { eventId sequence globalPosition type payload metadata { actor } }
                                     nextAfter hasMore }
                  history(taskKey: "P04-T01-S01") { kind type actor description }
                  verify { intact eventsChecked firstBreak { eventId } }
                } }""", "id", projectId).get("project");

        assertThat(project.at("/events/items")).extracting(event -> event.get("eventId").asText())
                .containsExactlyElementsOf(restEvents.get("events").findValuesAsText("eventId"));
        assertThat(project.at("/events/items/2/payload")).isEqualTo(restEvents.at("/events/2/payload"));
        assertThat(project.at("/events/items/0/metadata/actor").asText()).isEqualTo("admin");
        assertThat(project.at("/events/nextAfter").asInt()).isEqualTo(restEvents.get("nextAfter").asInt());
        assertThat(project.at("/events/hasMore").asBoolean()).isTrue();
        assertThat(project.get("history")).isNotEmpty();
        assertThat(project.at("/verify/intact").asBoolean()).isTrue();
        String firstEvent = project.at("/events/items/2/eventId").asText();
        assertThat(data(api, "query($id: ID!, $e: ID!) { project(id: $id) { causes(eventId: $e) { kind type } } }",
                "id", projectId, "e", firstEvent).at("/project/causes")).extracting(entry -> entry.get("kind").asText())
                .contains("COMMAND");
        assertThat(data(api, "{ users(limit: 1) { items { username } hasMore } }").at("/users/hasMore").asBoolean())
                .isTrue();
        assertThat(errors(accounts.fresh(GlobalRole.MANAGER), "{ users { hasMore } }").at("/0/extensions/code")
                .asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void accounts_are_opened_changed_and_disabled_by_admin_only_and_a_password_never_comes_back() {
        String username = "gql-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Graph-Ql-Passphrase-" + UUID.randomUUID().toString().substring(0, 6);
        String register = "mutation($in: NewAccountInput!) { registerAccount(input: $in) "
                + "{ username displayName kind role enabled } }";
        Object input = json("username", username, "password", password, "displayName", "Over GraphQL",
                "kind", "HUMAN", "role", "VIEWER");

        assertThat(errors(accounts.fresh(GlobalRole.MANAGER), register, "in", input).at("/0/extensions/code").asText())
                .isEqualTo("FORBIDDEN");
        Response registered = post(api, register, "in", input);
        assertThat(registered.body()).doesNotContain(password);
        assertThat(registered.json().at("/data/registerAccount/role").asText()).isEqualTo("VIEWER");
        ApiClient account = anonymous.loggedInAs(username, password);
        String newPassword = password + "-2";
        assertThat(data(account, "mutation($c: String!, $n: String!) { changeOwnPassword(currentPassword: $c, "
                + "newPassword: $n) }", "c", password, "n", newPassword).get("changeOwnPassword").asBoolean()).isTrue();
        data(api, "mutation($u: String!) { changeAccount(username: $u, input: {role: AUDITOR}) }", "u", username);
        ApiClient changed = anonymous.loggedInAs(username, newPassword);
        assertThat(Eventually.await(Duration.ofSeconds(10), () -> data(changed, "{ me { role } }").at("/me/role")
                .asText(), "AUDITOR"::equals)).as("the directory shows the new role").isEqualTo("AUDITOR");

        data(api, "mutation($u: String!) { disableAccount(username: $u) }", "u", username);

        assertThat(anonymous.post("/api/auth/login", json("username", username, "password", newPassword)).status())
                .isEqualTo(401);
    }

    @Test
    void a_past_project_shows_its_fields_and_tasks_as_they_were() {
        String projectId = projects.createWithExamplePlan();
        long planned = data(api, BOARD, "id", projectId).at("/project/version").asLong();
        ApiClient agent = projects.agent("@coding-agent");
        projects.join(projectId, "@coding-agent", ProjectRole.AGENT);
        data(agent, START, "p", projectId, "t", "P04-T01-S01");
        String past = "query($id: ID!, $v: Int) { pastProject(id: $id, asOfVersion: $v) { version "
                + "tasks(level: SUBTASK) { key status } task(key: \"P04-T01-S01\") { status attemptHistory { number } } } }";

        JsonNode then = data(api, past, "id", projectId, "v", (int) planned).get("pastProject");

        assertThat(then.get("version").asLong()).isEqualTo(planned);
        assertThat(then.get("tasks")).extracting(task -> task.get("key").asText() + "=" + task.get("status").asText())
                .containsExactly("P04-T01-S01=READY", "P04-T01-S02=PENDING", "P04-T02-S01=PENDING");
        assertThat(then.at("/task/status").asText()).isEqualTo("READY");
        assertThat(then.at("/task/attemptHistory")).isEmpty();
        assertThat(data(accounts.fresh(GlobalRole.MANAGER), past, "id", projectId, "v", (int) planned)
                .get("pastProject").isNull()).isTrue();
        assertThat(errors(api, "query($id: ID!) { pastProject(id: $id) { version } }", "id", projectId)
                .at("/0/extensions/code").asText()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void a_mutation_answers_the_position_that_a_query_then_waits_for() {
        String projectId = projects.createWithExamplePlan();
        String agent = "@coding-agent";
        ApiClient agentClient = projects.agent(agent);
        projects.join(projectId, agent, ProjectRole.AGENT);
        data(agentClient, START, "p", projectId, "t", "P04-T01-S01");

        Response reported = post(agentClient, REPORT, "p", projectId, "t", "P04-T01-S01", "a", 1, "r", List.of(
                json("criterion", "P04-T01-S01-01/1", "passed", true), json("criterion", "P04-T01-S01-01/2",
                        "passed", true)));
        String position = reported.header("X-Min-Position");

        assertThat(position).as(reported.toString()).isNotBlank();
        Response next = agentClient.post("/graphql", json("query",
                "query($a: String!) { nextTask(agent: $a) { projectId key } }", "variables", json("a", agent)),
                "X-Min-Position", position);
        JsonNode handed = next.json().at("/data/nextTask");
        assertThat(handed.get("projectId").asText() + "/" + handed.get("key").asText()).as(next.toString())
                .isNotEqualTo(projectId + "/P04-T01-S01");
        assertThat(next.header("X-Min-Position")).as("a query sends no command").isNull();
        Response malformed = agentClient.post("/graphql", json("query", "{ me { username } }"),
                "X-Min-Position", "soon");
        assertThat(malformed.json().at("/errors/0/extensions/code").asText()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void operators_read_the_projections_as_over_rest_and_only_as_admin() {
        JsonNode projections = data(api, "{ projections { name state rebuildable headPosition segments { segment } } }")
                .get("projections");
        JsonNode overRest = api.get("/api/admin/projections").json();

        assertThat(projections).extracting(projection -> projection.get("name").asText())
                .containsExactlyElementsOf(overRest.findValuesAsText("name")).contains("task-board");
        assertThat(projections).filteredOn(projection -> projection.get("name").asText().equals("task-board"))
                .allSatisfy(board -> assertThat(board.get("segments")).isNotEmpty());
        assertThat(errors(accounts.fresh(GlobalRole.AUDITOR), "{ projections { name } }").at("/0/extensions/code")
                .asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void operators_rebuild_a_projection_over_graphql() {
        JsonNode started = data(api, "mutation { rebuildProjection(name: \"user-directory\") { running done total } }")
                .get("rebuildProjection");
        assertThat(started.get("total").asInt()).as(started.toString()).isPositive();

        JsonNode directory = Eventually.await(Duration.ofSeconds(60), () -> StreamSupport.stream(
                        data(api, "{ projections { name state lastRebuildFailure } }").get("projections").spliterator(),
                        false).filter(projection -> projection.get("name").asText().equals("user-directory"))
                .findFirst().orElseThrow(), projection -> projection.get("state").asText().equals("RUNNING"));
        assertThat(directory.get("lastRebuildFailure").isNull()).as(directory.toString()).isTrue();
        assertThat(data(api, "{ users(limit: 1000) { items { username } } }").at("/users/items").findValuesAsText("username"))
                .contains("admin");
    }

    /** __schema's types nest as deep as asked: ofType { ofType { ... } }. */
    private static String nested(int depth) {
        return "__schema { types { " + "ofType { ".repeat(depth) + "name" + " }".repeat(depth) + " } }";
    }

    private List<String> eventTypes(String projectId) {
        Response events = api.get("/api/projects/" + projectId + "/events?limit=1000");
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        events.json().get("events").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private Set<String> channels(String projectId) {
        Response events = api.get("/api/projects/" + projectId + "/events?limit=1000");
        Set<String> channels = new HashSet<>();
        events.json().get("events").forEach(event -> channels.add(event.at("/metadata/channel").asText()));
        return channels;
    }

    private static Object plan(String agent) {
        try {
            return JSON.readValue(ExamplePlan.json().replace("@coding-agent", agent), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response post(ApiClient client, String query, Object... variables) {
        Response response = client.post("/graphql", json("query", query, "variables", json(variables)));
        assertThat(response.header("Content-Type")).as(response.toString()).contains("json");
        return response;
    }

    private static JsonNode data(ApiClient client, String query, Object... variables) {
        Response response = post(client, query, variables);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().has("errors")).as(response.toString()).isFalse();
        return response.json().get("data");
    }

    private static JsonNode errors(ApiClient client, String query, Object... variables) {
        Response response = post(client, query, variables);
        assertThat(response.json().get("errors")).as(response.toString()).isNotEmpty();
        return response.json().get("errors");
    }
}
