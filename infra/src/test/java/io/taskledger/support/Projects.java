package io.taskledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.ProjectRole;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Steps the integration tests take again and again, through the HTTP API. */
public final class Projects {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ApiClient api;
    private final Accounts accounts;
    /** "projectId/username" of the memberships this helper made. */
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    /** Who started each task last, so its report comes from the holder: "projectId/taskKey" to client. */
    private final Map<String, ApiClient> holders = new ConcurrentHashMap<>();

    /** {@code admin} creates and plans projects and opens accounts; agents act through their own accounts. */
    public Projects(ApiClient admin) {
        this(admin, new Accounts(admin));
    }

    /** {@code planner} (an ADMIN or MANAGER) creates and plans projects; {@code accounts} opens accounts. */
    public Projects(ApiClient planner, Accounts accounts) {
        this.api = planner;
        this.accounts = accounts;
    }

    /** A client logged in as the agent account with this handle (opened if need be). */
    public ApiClient agent(String handle) {
        return accounts.agent(handle);
    }

    /** A key no other test uses, since all tests share one database. */
    public static String uniqueKey() {
        return "T" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public String create() {
        ApiClient.Response created = api.post("/api/projects",
                json("key", uniqueKey(), "name", "Test project", "description", "made by a test"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** A project with the example plan, once the board shows the whole plan. */
    public String createWithExamplePlan() {
        String projectId = create();
        ApiClient.Response imported = api.post("/api/projects/" + projectId + "/plan", ExamplePlan.json());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        ApiClient.Response shown = api.get("/api/projects/" + projectId, "X-Min-Version",
                String.valueOf(version(imported)));
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        return projectId;
    }

    /** Makes the account a member of the project with the role, unless it already is. */
    public void join(String projectId, String username, ProjectRole role) {
        if (members.add(projectId + "/" + username)) {
            ApiClient.Response joined = api.post("/api/projects/" + projectId + "/members",
                    json("username", username, "role", role.name()));
            assertThat(joined.status()).as(joined.toString()).isIn(200, 409);
        }
    }

    /** The agent starts the task itself, logged in as its own account and a member of the project. */
    public ApiClient.Response start(String projectId, String taskKey, String agent) {
        ApiClient client = agent(agent);
        join(projectId, agent, ProjectRole.AGENT);
        ApiClient.Response response = client.post(task(projectId, taskKey) + "/start", json("agent", agent));
        if (response.status() == 200) {
            holders.put(projectId + "/" + taskKey, client);
        }
        return response;
    }

    public ApiClient.Response report(String projectId, String taskKey, int attempt, Map<String, Boolean> verdicts) {
        List<Map<String, Object>> results = verdicts.entrySet().stream()
                .map(verdict -> json("criterion", verdict.getKey(), "passed", verdict.getValue(),
                        "evidence", verdict.getValue() ? "checked" : "did not pass"))
                .toList();
        ApiClient holder = holders.getOrDefault(projectId + "/" + taskKey, api);
        return holder.post(task(projectId, taskKey) + "/report", json("attempt", attempt, "results", results));
    }

    /** Reads a task once the read model reflects at least the given version. */
    public JsonNode task(String projectId, String taskKey, long atLeastVersion) {
        ApiClient.Response response = api.get(task(projectId, taskKey),
                "X-Min-Version", String.valueOf(atLeastVersion));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public static String task(String projectId, String taskKey) {
        return "/api/projects/" + projectId + "/tasks/" + taskKey;
    }

    public static long version(ApiClient.Response commandResponse) {
        String etag = commandResponse.header("ETag");
        assertThat(etag).as("ETag of " + commandResponse).isNotNull();
        return Long.parseLong(etag.replace("W/", "").replace("\"", ""));
    }
}
