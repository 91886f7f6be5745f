package io.taskledger.security;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Role by role, what the global role allows and what is 403 (project membership adds its own rules on top). */
class RolesTest extends IntegrationTest {

    @Test
    void auditors_and_viewers_read_but_change_nothing() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        for (GlobalRole role : List.of(GlobalRole.AUDITOR, GlobalRole.VIEWER)) {
            String username = Accounts.uniqueUsername(role.name().toLowerCase());
            ApiClient reader = accounts.as(username, AccountKind.HUMAN, role);
            // An auditor reads every project; a viewer reads those it is a member of.
            projects.join(projectId, username, ProjectRole.VIEWER);

            assertThat(reader.get("/api/projects").status()).as(role + " lists projects").isEqualTo(200);
            assertThat(reader.get("/api/projects/" + projectId + "/tasks", "X-Min-Version", "0").status())
                    .isEqualTo(200);
            assertForbidden(reader.post("/api/projects", json("key", Projects.uniqueKey(), "name", "x")), role);
            assertForbidden(reader.post("/api/projects/" + projectId + "/archive", null), role);
            assertForbidden(reader.post(Projects.task(projectId, "P04-T01-S01") + "/cancel",
                    json("reason", "no")), role);
            assertForbidden(reader.delete(Projects.task(projectId, "P04-T01-S02") + "/prerequisites/P04-T01-S01"),
                    role);
            assertForbidden(reader.post("/api/users", json("username", "x")), role);
            assertForbidden(reader.get("/api/users"), role);
            assertForbidden(reader.get("/actuator/metrics"), role);
            assertThat(reader.post("/api/auth/password", json("currentPassword", "wrong-password-000",
                    "newPassword", "whatever-passphrase-1")).status())
                    .as(role + " may still manage its own session and password").isEqualTo(400);
        }
    }

    @Test
    void managers_create_projects_but_do_not_manage_accounts_or_read_actuator() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);

        Response created = manager.post("/api/projects", json("key", Projects.uniqueKey(), "name", "Managed"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(manager.post(Projects.task(created.json().get("id").asText(), "P1").replace("/tasks/P1", "/tasks"),
                json("key", "P1", "level", "PHASE", "title", "Phase")).status()).isEqualTo(201);
        assertForbidden(manager.get("/api/users"), GlobalRole.MANAGER);
        assertForbidden(manager.get("/api/users/admin"), GlobalRole.MANAGER);
        assertForbidden(manager.patch("/api/users/admin", json("displayName", "Hijacked")), GlobalRole.MANAGER);
        assertForbidden(manager.get("/actuator/metrics"), GlobalRole.MANAGER);
    }

    @Test
    void agents_do_not_create_projects_nor_act_in_another_agents_name() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        ApiClient agent = accounts.agent("@roles-agent");
        // A member, so that the project's own rule on who acts as which agent is what refuses it (a non-member
        // learns nothing of the project: 404).
        projects.join(projectId, "@roles-agent", ProjectRole.AGENT);

        assertForbidden(agent.post("/api/projects", json("key", Projects.uniqueKey(), "name", "x")),
                GlobalRole.AGENT);
        Response posing = agent.post(Projects.task(projectId, "P04-T01-S01") + "/start",
                json("agent", "@coding-agent"));
        assertForbidden(posing, GlobalRole.AGENT);
        Response reportPosing = agent.post(Projects.task(projectId, "P04-T01-S01") + "/report",
                json("attempt", 1, "agent", "@coding-agent", "results", List.of()));
        assertForbidden(reportPosing, GlobalRole.AGENT);
    }

    @Test
    void the_caller_is_the_agent_when_the_start_body_names_none() {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        ApiClient agent = projects.agent("@coding-agent");
        projects.join(projectId, "@coding-agent", ProjectRole.AGENT);

        Response started = agent.post(Projects.task(projectId, "P04-T01-S01") + "/start", null);

        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(projects.task(projectId, "P04-T01-S01", Projects.version(started))
                .get("attemptHistory").get(0).get("agent").asText()).isEqualTo("@coding-agent");
    }

    @Test
    void admins_manage_accounts_and_read_actuator() {
        assertThat(api.get("/api/users").status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void only_health_login_refresh_and_the_api_docs_are_public() {
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.post("/api/auth/login", json("username", "x", "password", "y")).status())
                .isEqualTo(401);
        assertThat(anonymous.post("/api/auth/refresh", json("refreshToken", "unknown")).status()).isEqualTo(401);
        for (String path : List.of("/api/projects", "/api/users", "/api/users/me", "/api/agents", "/api/escalations",
                "/actuator/metrics", "/actuator/prometheus", "/actuator/info")) {
            Response response = anonymous.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
    }

    private static void assertForbidden(Response response, GlobalRole role) {
        assertThat(response.status()).as(role + ": " + response).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }
}
