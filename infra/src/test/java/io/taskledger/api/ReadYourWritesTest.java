package io.taskledger.api;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesTest extends IntegrationTest {

    private static final String MIN_POSITION = "X-Min-Position";
    private static final java.util.Queue<Long> LATENCIES_MS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Test
    void a_query_with_the_version_of_a_write_sees_that_write() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();

        Response started = projects.start(projectId, "P04-T01-S01", "@coding-agent");
        Response task = api.get(Projects.task(projectId, "P04-T01-S01"),
                "X-Min-Version", String.valueOf(version(started)));

        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(task.json().get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void a_version_the_read_model_never_reaches_is_answered_clearly_once_the_bound_passes() {
        String projectId = new Projects(api).create();

        Response response = api.get("/api/projects/" + projectId, "X-Min-Version", "1000");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("code").asText()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void every_command_answers_a_position_that_reads_across_projects_wait_for() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        Response created = manager.post("/api/projects", json("key", Projects.uniqueKey(), "name", "Seen at once"));
        String position = created.header(MIN_POSITION);
        assertThat(position).as(created.toString()).matches("\\d+");

        Response projects = manager.get("/api/projects?limit=1000", MIN_POSITION, position);
        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.json().findValuesAsText("id")).contains(created.json().get("id").asText());

        String username = Accounts.uniqueUsername("ryw");
        Response opened = api.post("/api/users", json("username", username, "password", Accounts.PASSWORD,
                "displayName", "Read at once", "kind", "HUMAN", "role", "VIEWER"));
        Response account = api.get("/api/users/" + username, MIN_POSITION, opened.header(MIN_POSITION));
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
    }

    @Test
    void a_position_the_read_models_never_reach_is_answered_clearly_once_the_bound_passes() {
        Response response = api.get("/api/escalations", MIN_POSITION, String.valueOf(Long.MAX_VALUE / 2));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("code").asText()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void a_malformed_min_position_is_bad_input() {
        Response response = api.get("/api/agents", MIN_POSITION, "latest");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    }

    /**
     * 16 agents, each in a loop: ask for the next task with the position of its last command, start it, report it
     * succeeded, and at once ask again with the report's position. Never is an agent handed the task it just
     * finished (nor any it finished before). The same question without the position is asked first, to show that
     * the board does lag behind the reports here (counted, not asserted: how often depends on the machine).
     */
    @Test
    void sixteen_agents_reporting_and_asking_for_their_next_task_are_never_handed_the_task_they_finished()
            throws Exception {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        Projects projects = new Projects(manager, accounts);
        String prefix = Accounts.uniqueUsername("@ryw");
        int agents = 16;
        int tasksPerAgentPerProject = 3;
        List<ApiClient> clients = new ArrayList<>();
        for (int a = 1; a <= agents; a++) {
            clients.add(accounts.agent(agent(prefix, a)));
        }
        List<String> projectIds = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            String projectId = projects.create();
            Response imported = manager.post("/api/projects/" + projectId + "/plan",
                    plan(prefix, agents, tasksPerAgentPerProject));
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            for (int a = 1; a <= agents; a++) {
                projects.join(projectId, agent(prefix, a), ProjectRole.AGENT);
            }
            projectIds.add(projectId);
        }
        int tasksPerAgent = tasksPerAgentPerProject * projectIds.size();

        ExecutorService pool = Executors.newFixedThreadPool(agents);
        AtomicInteger staleWithoutPosition = new AtomicInteger();
        AtomicInteger behind = new AtomicInteger();
        try {
            List<Future<List<String>>> loops = new ArrayList<>();
            for (int a = 1; a <= agents; a++) {
                String handle = agent(prefix, a);
                ApiClient client = clients.get(a - 1);
                loops.add(pool.submit(() -> workThrough(client, handle, tasksPerAgent, staleWithoutPosition,
                        behind)));
            }
            for (Future<List<String>> loop : loops) {
                assertThat(loop.get(3, TimeUnit.MINUTES)).hasSize(tasksPerAgent).doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> latencies = LATENCIES_MS.stream().sorted().toList();
        System.out.printf("read-your-writes loop: %d agents x %d tasks; without the position the board handed "
                + "back the task just finished %d times; %d reads answered 503 and retried; next-task with the "
                + "position took %d ms median, %d ms at the 95th percentile, %d ms at most%n", agents,
                tasksPerAgent, staleWithoutPosition.get(), behind.get(), latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() * 95 / 100), latencies.get(latencies.size() - 1));
    }

    /** The agent's loop; the tasks it finished ("projectId/key"), in order. */
    private static List<String> workThrough(ApiClient agent, String handle, int tasks, AtomicInteger stale,
                                            AtomicInteger behind) {
        List<String> finished = new ArrayList<>();
        String position = "0";
        while (true) {
            Response next = nextTask(agent, handle, position, behind);
            if (next.status() == 204) {
                return finished;
            }
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            String key = next.json().get("key").asText();
            String project = next.json().get("projectId").asText();
            String task = project + "/" + key;
            assertThat(finished).as(handle + " was handed " + task + ", which it finished").doesNotContain(task);
            assertThat(finished.size()).as(handle + " asks for more than it has").isLessThan(tasks);

            Response started = agent.post(Projects.task(project, key) + "/start", json("agent", handle));
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            Response reported = agent.post(Projects.task(project, key) + "/report", json("attempt", 1, "results",
                    List.of(json("criterion", key + "-01/1", "passed", true, "evidence", "exit 0"))));
            assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
            assertThat(reported.json().get("status").asText()).as(reported.toString()).isEqualTo("SUCCEEDED");
            finished.add(task);
            position = reported.header(MIN_POSITION);

            Response unsynchronized = agent.get("/api/agents/" + handle + "/next-task");
            if (unsynchronized.status() == 200 && (unsynchronized.json().get("projectId").asText() + "/"
                    + unsynchronized.json().get("key").asText()).equals(task)) {
                stale.incrementAndGet();
            }
        }
    }

    private static Response nextTask(ApiClient agent, String handle, String position, AtomicInteger behind) {
        for (int attempt = 0; ; attempt++) {
            long sent = System.nanoTime();
            Response next = agent.get("/api/agents/" + handle + "/next-task", MIN_POSITION, position);
            LATENCIES_MS.add((System.nanoTime() - sent) / 1_000_000);
            if (next.status() != 503 || attempt == 20) {
                return next;
            }
            behind.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return next;
            }
        }
    }

    private static String agent(String prefix, int n) {
        return prefix + "-" + n;
    }

    /** One phase and task; per agent, {@code each} READY subtasks assigned to it, one criterion each. */
    private static String plan(String prefix, int agents, int each) {
        List<String> subtasks = new ArrayList<>();
        for (int a = 1; a <= agents; a++) {
            for (int t = 1; t <= each; t++) {
                String key = "P1-T1-A" + a + "-" + t;
                subtasks.add("{\"key\":\"" + key + "\",\"title\":\"Work " + key + "\",\"assignee\":\""
                        + agent(prefix, a) + "\",\"steps\":[{\"key\":\"" + key + "-01\",\"description\":\"Check\","
                        + "\"successCriteria\":[{\"type\":\"EXIT_CODE\",\"expected\":\"0\"}]}]}");
            }
        }
        return "{\"phases\":[{\"key\":\"P1\",\"title\":\"Build\",\"tasks\":[{\"key\":\"P1-T1\",\"title\":\"Work\","
                + "\"subtasks\":[" + String.join(",", subtasks) + "]}]}]}";
    }

    @Test
    void a_malformed_min_version_is_bad_input() {
        String projectId = new Projects(api).create();

        Response response = api.get("/api/projects/" + projectId, "X-Min-Version", "latest");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_INPUT");
    }
}
