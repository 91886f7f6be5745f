package io.taskledger.infra.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.TaskledgerApplication;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ServerChild;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.taskledger.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code taskledger.seed=demo} on two starts of the server over one database. A start of its own, not the shared
 * integration context: the seed runs at start, its second run must be a real second start, and the demo opens
 * accounts under the workflow's agent handles (such as {@code @coding-agent}) that the shared context's tests open with
 * their own password.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedTest {

    private static final String ADMIN_PASSWORD = "demo-seed-test-root-7c1e";

    @Test
    void the_first_start_seeds_the_demo_and_a_second_start_changes_nothing(@TempDir Path dataDir,
                                                                           CapturedOutput output) {
        Clock eventClockOfTheSharedContext = GenericEventMessage.clock;
        try {
            long versionAfterSeeding;
            long eventsAfterSeeding;
            try (ConfigurableApplicationContext first = start(dataDir)) {
                assertThat(output.getAll()).contains("Data seeded (demo): project DEMO");
                assertThat(output.getAll()).doesNotContain("Data already seeded");
                ApiClient admin = client(first).loggedInAs("admin", ADMIN_PASSWORD);
                String project = demoProject(admin);
                Map<String, String> statuses = await(Duration.ofSeconds(30), () -> statuses(admin, project),
                        board -> "ESCALATED".equals(board.get("P04-T02-S02")));
                assertBoardOfTheDemo(statuses);
                assertEscalationAndAuditTrail(admin, project);
                assertMetricsScrapedOnTheManagementPortOnly(first);
                versionAfterSeeding = admin.get("/api/projects/" + project).json().get("version").asLong();
                eventsAfterSeeding = first.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject("select count(*) from domain_event_entry", Long.class);
            }

            try (ConfigurableApplicationContext second = start(dataDir)) {
                assertThat(output.getAll()).contains("Data already seeded (demo on ");
                assertThat(countOf(output.getAll(), "Data seeded (demo)")).isEqualTo(1);
                ApiClient admin = client(second).loggedInAs("admin", ADMIN_PASSWORD);
                String project = demoProject(admin);
                assertThat(admin.get("/api/projects/" + project).json().get("version").asLong())
                        .isEqualTo(versionAfterSeeding);
                assertThat(second.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject("select count(*) from domain_event_entry", Long.class))
                        .isEqualTo(eventsAfterSeeding);
            }
        } finally {
            // Axon keeps the events' clock in a static field; the shared test context set its simulated clock there.
            GenericEventMessage.clock = eventClockOfTheSharedContext;
        }
    }

    private static void assertBoardOfTheDemo(Map<String, String> statuses) {
        assertThat(statuses).hasSize(19);
        assertThat(statuses).containsEntry("P04-T01-S01", "SUCCEEDED").containsEntry("P04-T01-S02", "SUCCEEDED")
                .containsEntry("P04-T01", "SUCCEEDED").containsEntry("P04-T02-S01", "SUCCEEDED")
                .containsEntry("P04-T02-S02", "ESCALATED").containsEntry("P04", "IN_PROGRESS")
                .containsEntry("P04-T03-S01", "PENDING").containsEntry("P04-T06-S02", "PENDING");
    }

    private static void assertEscalationAndAuditTrail(ApiClient admin, String project) {
        JsonNode escalations = admin.get("/api/escalations?status=OPEN").json();
        assertThat(escalations).hasSize(1);
        JsonNode escalation = escalations.get(0);
        assertThat(escalation.get("taskKey").asText()).isEqualTo("P04-T02-S02");
        assertThat(escalation.get("attempts").asInt()).isEqualTo(4);
        assertThat(escalation.get("escalateTo").asText()).isEqualTo("@system-architect-agent");
        assertThat(escalation.get("failedCriteria").get(0).get("evidence").asText())
                .startsWith("Specification incomplete");

        JsonNode history = admin.get("/api/projects/" + project + "/tasks/P04-T01-S02/history").json();
        assertThat(history.toString()).contains("@coding-agent");
        JsonNode members = admin.get("/api/projects/" + project + "/members").json();
        assertThat(StreamSupport.stream(members.spliterator(), false)
                .map(member -> member.get("username").asText() + ":" + member.get("role").asText()))
                .contains("demo-manager:OWNER", "@coding-agent:AGENT", "@system-architect-agent:AGENT",
                        "@development-orchestrator-agent:AGENT", "@health-monitor-agent:AGENT");
        JsonNode events = admin.get("/api/projects/" + project + "/events?limit=200").json().get("events");
        List<String> actors = StreamSupport.stream(events.spliterator(), false)
                .map(event -> event.get("metadata").get("actor").asText()).distinct().toList();
        assertThat(actors).contains("demo-manager", "@coding-agent", "@system-architect-agent")
                .doesNotContain("system");
        assertThat(admin.get("/api/projects/" + project + "/verify").json().get("intact").asBoolean()).isTrue();
    }

    /**
     * Started as deploy/compose.yaml starts it, with a management port: Prometheus scrapes there without an account,
     * while the API port keeps the metrics for ADMIN, and the other actuator endpoints stay ADMIN on both ports.
     */
    private static void assertMetricsScrapedOnTheManagementPortOnly(ConfigurableApplicationContext server) {
        ApiClient managementPort = new ApiClient("http://127.0.0.1:"
                + server.getEnvironment().getProperty("local.management.port"));
        ApiClient.Response scraped = managementPort.get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("taskledger_eventprocessor_lag_events");
        assertThat(managementPort.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(client(server).get("/actuator/prometheus").status()).isEqualTo(401);
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TaskledgerApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0",
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + ServerChild.freeLoopbackPort(),
                "--taskledger.data-dir=" + dataDir,
                "--taskledger.embedded-postgres.server-config.fsync=off",
                "--taskledger.seed=demo",
                "--taskledger.security.admin-password=" + ADMIN_PASSWORD,
                "--taskledger.security.password.bcrypt-cost=4");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static String demoProject(ApiClient admin) {
        JsonNode projects = await(Duration.ofSeconds(30), () -> admin.get("/api/projects").json(),
                listed -> listed.size() == 1);
        assertThat(projects.get(0).get("key").asText()).isEqualTo("DEMO");
        return projects.get(0).get("id").asText();
    }

    private static Map<String, String> statuses(ApiClient admin, String project) {
        Map<String, String> statuses = new HashMap<>();
        admin.get("/api/projects/" + project + "/tasks").json()
                .forEach(task -> statuses.put(task.get("key").asText(), task.get("status").asText()));
        return statuses;
    }

    private static int countOf(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
