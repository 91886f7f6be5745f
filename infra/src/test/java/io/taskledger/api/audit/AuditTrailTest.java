package io.taskledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Auditors read what happened, who did it and why, from the event store. */
class AuditTrailTest extends IntegrationTest {

    private Projects projects;

    @BeforeEach
    void projects() {
        projects = new Projects(api);
    }

    @Test
    void the_event_log_pages_by_sequence_without_gaps_or_repeats_while_the_project_is_written() {
        String projectId = projects.createWithExamplePlan();

        List<JsonNode> paged = new ArrayList<>();
        long after = -1;
        int pages = 0;
        boolean hasMore = true;
        while (hasMore) {
            Response page = api.get("/api/projects/" + projectId + "/events?limit=3&after=" + after);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("events").forEach(paged::add);
            after = page.json().get("nextAfter").asLong();
            hasMore = page.json().get("hasMore").asBoolean();
            if (pages++ < 2) {  // the project keeps changing while it is read
                api.post("/api/projects/" + projectId + "/tasks",
                        json("key", "X" + pages, "level", "PHASE", "title", "Written while paging"));
            }
        }

        Response all = api.get("/api/projects/" + projectId + "/events?limit=1000");
        List<JsonNode> whole = StreamSupport.stream(all.json().get("events").spliterator(), false).toList();
        assertThat(paged).isEqualTo(whole);
        assertThat(whole).extracting(event -> event.get("sequence").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, whole.size()).boxed().toList());
        assertThat(whole).extracting(event -> event.get("type").asText())
                .startsWith("ProjectCreated", "MemberAdded", "TaskAdded").contains("TaskBecameReady");
        assertThat(whole).extracting(event -> event.get("globalPosition").asLong()).isSorted();
        JsonNode added = whole.get(2);
        assertThat(added.get("revision").asText()).isEqualTo("2");
        assertThat(added.at("/payload/task/key").asText()).isEqualTo("P04");
        assertThat(added.at("/metadata/actor").asText()).isEqualTo("admin");
        assertThat(added.at("/metadata/causationKind").asText()).isEqualTo("COMMAND");
        assertThat(added.at("/metadata/causationName").asText()).isEqualTo("ImportPlanCommand");
        assertThat(added.at("/metadata/correlationId").asText()).isNotBlank();
        assertThat(added.at("/metadata/integrityHash").asText()).hasSize(64);
        assertThat(UUID.fromString(added.get("eventId").asText())).isNotNull();
    }

    @Test
    void the_event_log_refuses_an_unknown_project_and_a_limit_out_of_range() {
        String projectId = projects.create();

        assertThat(api.get("/api/projects/" + UUID.randomUUID() + "/events").json().get("code").asText())
                .isEqualTo("PROJECT_NOT_FOUND");
        Response tooMany = api.get("/api/projects/" + projectId + "/events?limit=5000");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("detail").asText()).contains("limit", "1000");
        assertThat(api.get("/api/projects/" + projectId + "/events?after=x").status()).isEqualTo(400);
        assertThat(api.get("/api/projects/" + projectId + "/events", "X-Min-Version", "1").json().get("events"))
                .as("ProjectCreated and its creator made OWNER").hasSize(2);
    }

    @Test
    void a_task_history_tells_its_attempts_escalation_and_acceptance_in_plain_words() {
        String projectId = projects.createWithExamplePlan();
        String task = Projects.task(projectId, "P04-T01-S01");
        for (int attempt = 1; attempt <= 2; attempt++) {
            projects.start(projectId, "P04-T01-S01", "@coding-agent");
            Response failed = projects.agent("@coding-agent").post(task + "/report", json("attempt", attempt, "results", List.of(
                    json("criterion", "P04-T01-S01-01/1", "passed", true, "evidence", "exit code 0"),
                    json("criterion", "P04-T01-S01-01/2", "passed", false, "evidence", "no package.json"))),
                    "X-Correlation-Id", "report-" + attempt);
            assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        }
        Response accepted = api.post(task + "/resolve",
                json("decision", "ACCEPT", "justification", "the file is generated later"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        Response history = api.get(task + "/history");

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<String> lines = StreamSupport.stream(history.json().get("entries").spliterator(), false)
                .map(entry -> entry.get("description").asText()).toList();
        assertStartInOrder(lines,
                "P04-T01-S01 'Initialize environment' added as SUBTASK under P04-T01, assigned to @coding-agent"
                        + " by admin",
                "P04-T01-S01 became READY",
                "P04-T01-S01 attempt 1 started by @coding-agent",
                "P04-T01-S01 attempt 1 failed on criterion P04-T01-S01-01/2 (evidence: P04-T01-S01-01/2: no"
                        + " package.json); 1 retries left",
                "P04-T01-S01 became READY",
                "P04-T01-S01 attempt 2 failed on criterion P04-T01-S01-01/2",
                "P04-T01-S01 ESCALATED to @development-orchestrator-agent after 2 attempts",
                "P04-T01-S01 escalation resolved: ACCEPT by admin, justification: the file is generated later",
                "P04-T01-S01 SUCCEEDED: accepted on escalation");
        assertThat(lines).noneMatch(line -> line.contains("P04-T01-S02"));
        assertThat(history.json().get("entries")).allSatisfy(entry -> {
            assertThat(entry.get("at").asText()).isNotBlank();
            String description = entry.get("description").asText();
            boolean byTheManager = description.contains(" added as ") || description.contains("escalation resolved")
                    || description.contains("accepted on escalation");
            boolean byTheAgent = description.contains(" started by ") || description.contains(" failed on ")
                    || description.contains("ESCALATED");
            if (byTheManager) {
                assertThat(entry.get("actor").asText()).as(description).isEqualTo("admin");
            } else if (byTheAgent) {
                assertThat(entry.get("actor").asText()).as(description).isEqualTo("@coding-agent");
            }
        });
        assertThat(api.get(Projects.task(projectId, "P99") + "/history").json().get("code").asText())
                .isEqualTo("TASK_NOT_FOUND");
    }

    @Test
    void why_a_task_became_ready_is_answered_by_the_report_that_succeeded_its_prerequisite() {
        String projectId = projects.createWithExamplePlan();
        projects.start(projectId, "P04-T01-S01", "@coding-agent");
        projects.report(projectId, "P04-T01-S01", 1,
                java.util.Map.of("P04-T01-S01-01/1", true, "P04-T01-S01-01/2", true));
        projects.start(projectId, "P04-T01-S02", "@coding-agent");
        Response report = projects.report(projectId, "P04-T01-S02", 1, java.util.Map.of("P04-T01-S02-01/1", true));
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        Response page = api.get("/api/projects/" + projectId + "/events?limit=1000");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonNode events = page.json().get("events");
        JsonNode becameReady = StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.get("type").asText().equals("TaskBecameReady"))
                .filter(event -> event.at("/payload/taskKey").asText().equals("P04-T02-S01"))
                .findFirst().orElseThrow();

        Response causes = api.get("/api/projects/" + projectId + "/events/" + becameReady.get("eventId").asText()
                + "/causes");

        assertThat(causes.status()).as(causes.toString()).isEqualTo(200);
        List<JsonNode> chain = StreamSupport.stream(causes.json().get("chain").spliterator(), false).toList();
        assertThat(chain.get(0).get("messageId").asText()).isEqualTo(becameReady.get("eventId").asText());
        assertStartInOrder(chain.stream().map(step -> step.get("description").asText()).toList(),
                "P04-T02-S01 became READY",
                "P04-T01 SUCCEEDED: every child succeeded",
                "P04-T01-S02 SUCCEEDED: every criterion passed",
                "P04-T01-S02 attempt 1 passed every criterion (evidence: P04-T01-S02-01/1: checked)");
        JsonNode command = chain.get(chain.size() - 1);
        assertThat(command.get("kind").asText()).isEqualTo("COMMAND");
        assertThat(command.get("type").asText()).isEqualTo("ReportAttemptCommand");
        assertThat(command.get("messageId").asText()).isEqualTo(becameReady.at("/metadata/causationId").asText());
        assertThat(command.get("actor").asText()).isEqualTo("@coding-agent");
        assertThat(api.get("/api/projects/" + projectId + "/events/nope/causes").json().get("code").asText())
                .isEqualTo("EVENT_NOT_FOUND");
    }

    @Test
    void why_an_attempt_timed_out_is_answered_by_the_lease_expiry_and_the_start_that_opened_the_lease() {
        String projectId = projects.create();
        api.post("/api/projects/" + projectId + "/tasks", json("key", "P1", "level", "PHASE", "title", "Phase",
                "maxRetries", 2, "timeoutMinutes", 1));
        Response started = projects.start(projectId, "P1", "@lease-agent");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(api.get("/api/projects/" + projectId, "X-Min-Version", String.valueOf(Projects.version(started)))
                .status()).as("the read side shows the project").isEqualTo(200);
        // Bring the one-minute lease forward instead of waiting for it (the deadline is a db-scheduler row).
        jdbc.update("UPDATE scheduled_tasks SET execution_time = now() "
                + "WHERE position(convert_to(?, 'UTF8') in task_data) > 0", projectId);
        JsonNode failed = Eventually.await(Duration.ofSeconds(20), () -> event(projectId, "AttemptFailed"),
                Objects::nonNull);
        JsonNode taskStarted = event(projectId, "TaskStarted");

        assertThat(failed.at("/payload/reason").asText()).isEqualTo("TIMED_OUT");
        assertThat(failed.at("/metadata/causationKind").asText()).isEqualTo("DEADLINE");
        assertThat(failed.at("/metadata/causationName").asText()).isEqualTo("lease-expiry");
        assertThat(failed.at("/metadata/actor").asText()).isEqualTo("system");
        assertThat(failed.at("/metadata/deadlineScheduledBy").asText())
                .as("the deadline kept the start command's metadata while stored, and its events name that command")
                .isEqualTo(taskStarted.at("/metadata/causationId").asText());
        assertThat(failed.at("/metadata/correlationId").asText()).as("the start's request")
                .isEqualTo(taskStarted.at("/metadata/correlationId").asText());

        Response causes = api.get("/api/projects/" + projectId + "/events/" + failed.get("eventId").asText()
                + "/causes");

        assertThat(causes.status()).as(causes.toString()).isEqualTo(200);
        List<JsonNode> chain = StreamSupport.stream(causes.json().get("chain").spliterator(), false).toList();
        assertThat(chain.get(0).get("messageId").asText()).isEqualTo(failed.get("eventId").asText());
        List<String> kinds = chain.stream().map(step -> step.get("kind").asText() + " " + step.get("type").asText())
                .toList();
        assertThat(kinds).as("the timed-out attempt, the deadline, the start's events, the start")
                .startsWith("EVENT AttemptFailed")
                .containsSubsequence("DEADLINE lease-expiry", "EVENT TaskStarted", "COMMAND StartTaskCommand")
                .endsWith("COMMAND StartTaskCommand");
        JsonNode deadline = chain.stream().filter(step -> step.get("kind").asText().equals("DEADLINE"))
                .findFirst().orElseThrow();
        assertThat(deadline.get("messageId").asText()).isEqualTo(failed.at("/metadata/causationId").asText());
        assertThat(chain).filteredOn(step -> step.get("kind").asText().equals("EVENT"))
                .extracting(step -> step.get("messageId").asText())
                .contains(taskStarted.get("eventId").asText());
        JsonNode command = chain.get(chain.size() - 1);
        assertThat(command.get("messageId").asText()).isEqualTo(taskStarted.at("/metadata/causationId").asText());
        assertThat(command.get("actor").asText()).isEqualTo("@lease-agent");
    }

    /** The project's first stored event of the type; null if there is none. */
    private JsonNode event(String projectId, String type) {
        Response page = api.get("/api/projects/" + projectId + "/events?limit=1000");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonNode events = page.json().get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.get("type").asText().equals(type))
                .findFirst().orElse(null);
    }

    /** Each expected line begins one of the lines, in this order. */
    private static void assertStartInOrder(List<String> lines, String... expectedBeginnings) {
        int next = 0;
        for (String line : lines) {
            if (next < expectedBeginnings.length && line.startsWith(expectedBeginnings[next])) {
                next++;
            }
        }
        assertThat(next).as("lines beginning, in order, with the expected ones, in " + lines)
                .isEqualTo(expectedBeginnings.length);
    }
}
