package io.taskledger.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.taskledger.support.ApiClient.json;
import static io.taskledger.support.Projects.task;
import static io.taskledger.support.Projects.version;
import static org.assertj.core.api.Assertions.assertThat;

/** Project membership over HTTP: who sees a project, and what each project role may do in it. */
class ProjectMembershipTest extends IntegrationTest {

    private Projects projects;
    private String ownerName;
    private ApiClient owner;
    private String projectId;

    @BeforeEach
    void aProjectOwnedByAManager() {
        ownerName = Accounts.uniqueUsername("owner");
        owner = accounts.as(ownerName, AccountKind.HUMAN, GlobalRole.MANAGER);
        projects = new Projects(owner, accounts);
        projectId = projects.createWithExamplePlan();
    }

    @Test
    void a_non_member_gets_404_on_every_route_of_the_project_and_never_sees_it_in_lists() {
        ApiClient stranger = accounts.fresh(GlobalRole.MANAGER);
        String base = "/api/projects/" + projectId;
        String s01 = task(projectId, "P04-T01-S01");
        List<Response> probes = List.of(
                stranger.get(base),
                stranger.get(base, "X-Min-Version", "1"),
                stranger.get(base + "/tasks"),
                stranger.get(s01),
                stranger.get(base + "/members"),
                stranger.get(base + "/events"),
                stranger.get(base + "/verify"),
                stranger.get(s01 + "/history"),
                stranger.get(base + "?asOfVersion=1"),
                stranger.get(base + "/tasks?asOf=2026-01-01T00:00:00Z"),
                stranger.post(base + "/plan", "{\"phases\":[{\"key\":\"X1\",\"title\":\"x\"}]}"),
                stranger.post(base + "/tasks", json("key", "X1", "level", "PHASE", "title", "x")),
                stranger.post(s01 + "/start", null),
                stranger.post(s01 + "/report", json("attempt", 1, "results", List.of())),
                stranger.post(s01 + "/assign", json("assignee", "@x")),
                stranger.post(s01 + "/cancel", json("reason", "probe")),
                stranger.post(s01 + "/resolve", json("decision", "ACCEPT", "justification", "probe")),
                stranger.post(s01 + "/prerequisites", json("key", "P04-T02")),
                stranger.delete(task(projectId, "P04-T01-S02") + "/prerequisites/P04-T01-S01"),
                stranger.post(base + "/members", json("username", "admin", "role", "VIEWER")),
                stranger.delete(base + "/members/admin"),
                stranger.post(base + "/archive", null));

        assertThat(probes).allSatisfy(probe -> {
            assertThat(probe.status()).as(probe.toString()).isEqualTo(404);
            assertThat(probe.json().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
        });
        assertThat(stranger.get("/api/projects").body()).doesNotContain(projectId);
        assertForbidden(stranger.get("/api/admin/projections"), "operators' endpoints are for ADMIN");
        assertThat(stranger.get("/api/escalations").body()).doesNotContain(projectId);
    }

    @Test
    void a_hidden_project_looks_exactly_like_a_missing_one() {
        ApiClient stranger = accounts.fresh(GlobalRole.MANAGER);
        String missing = UUID.randomUUID().toString();

        Response hidden = stranger.post("/api/projects/" + projectId + "/archive", null);
        Response absent = stranger.post("/api/projects/" + missing + "/archive", null);

        assertThat(hidden.json().get("detail").asText().replace(projectId, "ID"))
                .isEqualTo(absent.json().get("detail").asText().replace(missing, "ID"));
    }

    @Test
    void the_creator_owns_the_project_and_adds_members_who_then_see_it() {
        String viewerName = Accounts.uniqueUsername("viewer");
        ApiClient viewer = accounts.as(viewerName, AccountKind.HUMAN, GlobalRole.VIEWER);
        assertThat(viewer.get("/api/projects/" + projectId).status()).isEqualTo(404);

        Response added = owner.post("/api/projects/" + projectId + "/members",
                json("username", viewerName, "role", "VIEWER"));

        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        Response seen = viewer.get("/api/projects/" + projectId, "X-Min-Version", String.valueOf(version(added)));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(viewer.get("/api/projects").body()).contains(projectId);
        JsonNode members = owner.get("/api/projects/" + projectId + "/members").json();
        assertThat(members.toString()).contains("\"role\":\"OWNER\"").contains(viewerName);
        assertForbidden(viewer.post("/api/projects/" + projectId + "/archive", null), "a viewer changes nothing");
    }

    @Test
    void only_enabled_accounts_become_members() {
        Response refused = owner.post("/api/projects/" + projectId + "/members",
                json("username", "nobody-" + Projects.uniqueKey().toLowerCase(), "role", "VIEWER"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.json().get("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void each_project_role_does_what_it_may_and_is_refused_403_otherwise() {
        String contributorName = Accounts.uniqueUsername("contributor");
        ApiClient contributor = accounts.as(contributorName, AccountKind.HUMAN, GlobalRole.MANAGER);
        projects.join(projectId, contributorName, ProjectRole.CONTRIBUTOR);
        String managerName = Accounts.uniqueUsername("manager");
        ApiClient manager = accounts.as(managerName, AccountKind.HUMAN, GlobalRole.MANAGER);
        projects.join(projectId, managerName, ProjectRole.MANAGER);

        assertForbidden(contributor.post(task(projectId, "P04-T01-S02") + "/cancel", json("reason", "x")),
                "a contributor does not plan");
        assertForbidden(owner.post(task(projectId, "P04-T01-S01") + "/start", null), "an owner does not work tasks");
        Response managerPlans = manager.post("/api/projects/" + projectId + "/tasks",
                json("key", "P09", "level", "PHASE", "title", "Added by the manager"));
        assertThat(managerPlans.status()).as(managerPlans.toString()).isEqualTo(201);
        assertForbidden(manager.post("/api/projects/" + projectId + "/members",
                json("username", contributorName, "role", "OWNER")), "only owners grant ownership");

        Response contributorWorks = contributor.post(task(projectId, "P09") + "/start", null);
        assertThat(contributorWorks.status()).as("a contributor works tasks: " + contributorWorks).isEqualTo(200);
        Response reported = contributor.post(task(projectId, "P09") + "/report",
                json("attempt", 1, "results", List.of()));
        assertThat(reported.json().get("status").asText()).isEqualTo("SUCCEEDED");

        Response ownerGrants = owner.post("/api/projects/" + projectId + "/members",
                json("username", managerName, "role", "OWNER"));
        assertThat(ownerGrants.status()).as(ownerGrants.toString()).isEqualTo(200);
    }

    @Test
    void admins_and_auditors_read_every_project_but_change_only_their_own() {
        ApiClient auditor = accounts.fresh(GlobalRole.AUDITOR);

        for (ApiClient reader : List.of(api, auditor)) {
            assertThat(reader.get("/api/projects/" + projectId, "X-Min-Version", "1").status()).isEqualTo(200);
            assertThat(reader.get(task(projectId, "P04-T01-S01")).status()).isEqualTo(200);
            assertThat(reader.get("/api/projects").body()).contains(projectId);
        }
        assertForbidden(api.post("/api/projects/" + projectId + "/archive", null), "admin is not a member");
        assertForbidden(auditor.post("/api/projects/" + projectId + "/archive", null), "auditors write nothing");
    }

    @Test
    void the_project_keeps_an_owner_and_removed_members_lose_access() {
        Response lastOwner = owner.delete("/api/projects/" + projectId + "/members/" + ownerName);
        assertThat(lastOwner.status()).as(lastOwner.toString()).isEqualTo(409);
        assertThat(lastOwner.json().get("code").asText()).isEqualTo("LAST_OWNER");

        String agentName = "@member-" + Projects.uniqueKey().toLowerCase();
        ApiClient agent = projects.agent(agentName);
        projects.join(projectId, agentName, ProjectRole.AGENT);
        Response removed = owner.delete("/api/projects/" + projectId + "/members/" + agentName);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);

        Response afterRemoval = agent.post(task(projectId, "P04-T01-S01") + "/start", null);
        assertThat(afterRemoval.status()).as(afterRemoval.toString()).isEqualTo(404);
    }

    private static void assertForbidden(Response response, String why) {
        assertThat(response.status()).as(why + ": " + response).isEqualTo(403);
        assertThat(response.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }
}
