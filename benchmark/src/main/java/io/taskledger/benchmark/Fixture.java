package io.taskledger.benchmark;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark's own data, made through the API: many projects, each with one agent and a plan of independent
 * subtasks assigned to it (all READY at once, so agents never wait on each other's prerequisites). Subtasks are
 * handed out once: each is started and reported exactly once during the run.
 */
final class Fixture {

    static final int SUBTASKS_PER_TASK = 20;
    static final int CRITERIA_PER_SUBTASK = 2;
    static final int PROJECTS_AT_A_TIME = 8;

    /** One project of the fixture; {@code ready} holds the subtasks nobody has taken yet. */
    record Project(String id, String agent, List<String> subtaskKeys, Queue<String> ready) {
    }

    final List<Project> projects;
    final String runId;

    private Fixture(List<Project> projects, String runId) {
        this.projects = projects;
        this.runId = runId;
    }

    static Fixture create(Http http, Authentication auth, int projectCount, int subtasksPerProject) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        ExecutorService setup = Executors.newFixedThreadPool(PROJECTS_AT_A_TIME);
        try {
            List<Future<Project>> created = new ArrayList<>();
            for (int p = 0; p < projectCount; p++) {
                int number = p;
                created.add(setup.submit(() -> createProject(http, auth, runId, number, subtasksPerProject)));
            }
            List<Project> projects = new ArrayList<>();
            for (Future<Project> project : created) {
                projects.add(project.get());
            }
            return new Fixture(projects, runId);
        } finally {
            setup.shutdown();
        }
    }

    private static Project createProject(Http http, Authentication auth, String runId, int number,
                                         int subtasksPerProject) {
        // Agent accounts are named with a leading @ (as in plans: "@coding-agent").
        String agent = "@bench-agent-" + number;
        HttpResponse<String> created = http.postAndWait("/api/projects", "{\"key\":\"B" + runId + "X" + number
                + "\",\"name\":\"Benchmark project " + number + "\",\"description\":\"made by the benchmark\"}",
                auth.adminToken());
        Authentication.expectOk(created, "create project " + number);
        String projectId = Http.field(created.body(), "id");
        auth.enrolAgent(agent, projectId);
        List<String> keys = new ArrayList<>();
        StringBuilder tasks = new StringBuilder();
        int taskCount = Math.max(1, subtasksPerProject / SUBTASKS_PER_TASK);
        for (int t = 0; t < taskCount; t++) {
            String taskKey = String.format("P01-T%02d", t + 1);
            StringBuilder subtasks = new StringBuilder();
            for (int s = 0; s < SUBTASKS_PER_TASK; s++) {
                String key = String.format("%s-S%02d", taskKey, s + 1);
                keys.add(key);
                subtasks.append(s == 0 ? "" : ",").append("{\"key\":\"").append(key)
                        .append("\",\"title\":\"Implement part ").append(key)
                        .append("\",\"assignee\":\"").append(agent)
                        .append("\",\"maxRetries\":2,\"onFailure\":\"ESCALATE_TO_HUMAN\",\"steps\":[{\"key\":\"")
                        .append(key).append("-01\",\"description\":\"Build and test\",\"successCriteria\":[")
                        .append("{\"type\":\"EXIT_CODE\",\"expected\":\"0\"},")
                        .append("{\"type\":\"UNIT_TEST_PASS\",\"expected\":\"PartTest\"}]}]}");
            }
            tasks.append(t == 0 ? "" : ",").append("{\"key\":\"").append(taskKey)
                    .append("\",\"title\":\"Feature ").append(t + 1).append("\",\"subtasks\":[")
                    .append(subtasks).append("]}");
        }
        String plan = "{\"phases\":[{\"key\":\"P01\",\"title\":\"Build\",\"tasks\":[" + tasks + "]}]}";
        Authentication.expectOk(http.postAndWait("/api/projects/" + projectId + "/plan", plan, auth.adminToken()),
                "import plan of project " + number);
        return new Project(projectId, agent, List.copyOf(keys), new ConcurrentLinkedQueue<>(keys));
    }

    /** The report body that passes every criterion of a fixture subtask. */
    static String passingReport(String subtaskKey, int attempt) {
        StringBuilder results = new StringBuilder();
        for (int c = 1; c <= CRITERIA_PER_SUBTASK; c++) {
            results.append(c == 1 ? "" : ",").append("{\"criterion\":\"").append(subtaskKey).append("-01/").append(c)
                    .append("\",\"passed\":true,\"evidence\":\"exit code 0, 42 tests passed\"}");
        }
        return "{\"attempt\":" + attempt + ",\"results\":[" + results + "]}";
    }

    /** A project drawn at random from those whose subtasks have not all been taken; null when none is left. */
    Project anyProjectWithWorkLeft() {
        List<Project> withWork = projectsWithWorkLeft();
        return withWork.isEmpty() ? null : withWork.get(ThreadLocalRandom.current().nextInt(withWork.size()));
    }

    List<Project> projectsWithWorkLeft() {
        return projects.stream().filter(project -> !project.ready().isEmpty()).toList();
    }

    int remainingSubtasks() {
        return projects.stream().mapToInt(project -> project.ready().size()).sum();
    }
}
