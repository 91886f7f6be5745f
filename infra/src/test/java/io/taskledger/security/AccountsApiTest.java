package io.taskledger.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Account administration over HTTP: registering, changing, disabling, and what never leaks. */
class AccountsApiTest extends IntegrationTest {

    @Test
    void an_admin_registers_an_account_that_can_log_in_and_shows_in_the_directory() {
        String username = Accounts.uniqueUsername("carol");

        Response created = api.post("/api/users", json("username", username, "password", Accounts.PASSWORD,
                "displayName", "Carol", "kind", "HUMAN", "role", "MANAGER"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/users/" + username);
        assertThat(created.json().get("role").asText()).isEqualTo("MANAGER");
        assertThat(created.body()).doesNotContainIgnoringCase("password").doesNotContain(Accounts.PASSWORD);
        ApiClient carol = anonymous.loggedInAs(username, Accounts.PASSWORD);
        JsonNode me = directory(carol, "/api/users/me");
        assertThat(me.get("username").asText()).isEqualTo(username);
        assertThat(me.get("displayName").asText()).isEqualTo("Carol");
        assertThat(me.get("kind").asText()).isEqualTo("HUMAN");
        assertThat(me.get("enabled").asBoolean()).isTrue();
        Response all = api.get("/api/users");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(username).contains("\"admin\"")
                .doesNotContainIgnoringCase("password").doesNotContain("$2a$");
    }

    @Test
    void usernames_are_unique_and_follow_their_kinds_format() {
        String username = Accounts.uniqueUsername("dave");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);

        assertProblem(api.post("/api/users", json("username", username, "password", Accounts.PASSWORD,
                "displayName", "Dave again", "kind", "HUMAN", "role", "VIEWER")), 409, "DUPLICATE_USERNAME");
        assertProblem(api.post("/api/users", json("username", "@" + username, "password", Accounts.PASSWORD,
                "displayName", "Not an agent", "kind", "HUMAN", "role", "VIEWER")), 400, "INVALID_INPUT");
        assertProblem(api.post("/api/users", json("username", username.replace("dave", "bot"), "password",
                Accounts.PASSWORD, "displayName", "Agent without @", "kind", "AGENT", "role", "AGENT")),
                400, "INVALID_INPUT");
        assertProblem(api.post("/api/users", json("username", "Upper-" + username, "password", Accounts.PASSWORD,
                "displayName", "Upper", "kind", "HUMAN", "role", "VIEWER")), 400, "INVALID_INPUT");
        assertProblem(api.post("/api/users", json("username", Accounts.uniqueUsername("erin"), "password", "short",
                "displayName", "Erin", "kind", "HUMAN", "role", "VIEWER")), 400, "WEAK_PASSWORD");
        assertProblem(api.post("/api/users", json("username", Accounts.uniqueUsername("erin"), "password",
                Accounts.PASSWORD, "displayName", "Erin", "kind", "HUMAN", "role", "OVERLORD")), 400, "INVALID_INPUT");
    }

    @Test
    void an_admin_changes_role_display_name_and_password_and_they_apply_at_once() {
        String username = Accounts.uniqueUsername("frank");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);
        ApiClient frank = anonymous.loggedInAs(username, Accounts.PASSWORD);
        assertThat(frank.post("/api/projects", json("key", uniqueProjectKey(), "name", "x")).status()).isEqualTo(403);

        Response changed = api.patch("/api/users/" + username, json("role", "MANAGER", "displayName", "Frank B."));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(frank.post("/api/projects", json("key", uniqueProjectKey(), "name", "x")).status())
                .as("the same token, the new role").isEqualTo(201);
        Eventually.await(Duration.ofSeconds(5), () -> api.get("/api/users/" + username).json(),
                account -> account.path("role").asText().equals("MANAGER")
                        && account.path("displayName").asText().equals("Frank B."));
        assertProblem(api.patch("/api/users/" + username, json("role", "MANAGER")), 409, "ACCOUNT_UNCHANGED");

        assertThat(api.patch("/api/users/" + username, json("password", "franks-new-passphrase-7")).status())
                .isEqualTo(204);
        assertThat(anonymous.post("/api/auth/login", json("username", username, "password", Accounts.PASSWORD))
                .status()).isEqualTo(401);
        anonymous.loggedInAs(username, "franks-new-passphrase-7");
    }

    @Test
    void deleting_disables_the_account_and_keeps_its_history() {
        String username = Accounts.uniqueUsername("gina");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);

        assertThat(api.delete("/api/users/" + username).status()).isEqualTo(204);

        JsonNode shown = Eventually.await(Duration.ofSeconds(5), () -> api.get("/api/users/" + username).json(),
                account -> !account.path("enabled").asBoolean(true));
        assertThat(shown.get("username").asText()).isEqualTo(username);
        assertThat(eventTypes(username)).containsExactly("AccountRegistered", "AccountDisabled");
        assertProblem(api.delete("/api/users/" + username), 409, "ACCOUNT_DISABLED");
        assertProblem(api.patch("/api/users/" + username, json("role", "ADMIN")), 409, "ACCOUNT_DISABLED");
    }

    @Test
    void an_admin_cannot_lock_themself_out_and_unknown_accounts_are_404() {
        assertProblem(api.delete("/api/users/admin"), 403, "FORBIDDEN");
        assertProblem(api.patch("/api/users/admin", json("role", "VIEWER")), 403, "FORBIDDEN");
        assertProblem(api.delete("/api/users/nobody-like-this"), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(api.get("/api/users/nobody-like-this"), 404, "ACCOUNT_NOT_FOUND");
        assertProblem(api.patch("/api/users/admin", json()), 400, "INVALID_INPUT");
    }

    @Test
    void the_bootstrap_admin_was_registered_by_the_system_with_the_admin_role() {
        JsonNode admin = directory(api, "/api/users/admin");

        assertThat(admin.get("role").asText()).isEqualTo("ADMIN");
        String metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = 'admin' AND sequence_number = 0""", String.class);
        assertThat(metadata).contains("\"actor\":\"system\"");
    }

    @Test
    void account_events_name_the_acting_administrator() {
        String username = Accounts.uniqueUsername("hank");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);

        String metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, username);

        assertThat(metadata).contains("\"actor\":\"admin\"").contains("\"actorRole\":\"ADMIN\"");
    }

    @Test
    void request_bodies_refuse_unknown_and_privileged_fields() {
        String username = Accounts.uniqueUsername("ivan");
        ApiClient ivan = accounts.as(username, AccountKind.HUMAN, GlobalRole.MANAGER);
        String projectId = ivan.post("/api/projects", json("key", uniqueProjectKey(), "name", "x"))
                .json().get("id").asText();

        List<Response> refused = List.of(
                ivan.post("/api/auth/password", json("currentPassword", Accounts.PASSWORD,
                        "newPassword", "another-passphrase-88", "role", "ADMIN")),
                ivan.post("/api/projects", json("key", uniqueProjectKey(), "name", "x", "owner", username)),
                ivan.post("/api/projects", json("key", uniqueProjectKey(), "name", "x", "status", "ARCHIVED")),
                ivan.post("/api/projects/" + projectId + "/tasks", json("key", "P1", "level", "PHASE",
                        "title", "Phase", "status", "SUCCEEDED")),
                anonymous.post("/api/auth/login", json("username", username, "password", Accounts.PASSWORD,
                        "role", "ADMIN")),
                api.post("/api/users", json("username", Accounts.uniqueUsername("jo"), "password",
                        Accounts.PASSWORD, "displayName", "Jo", "kind", "HUMAN", "role", "VIEWER", "enabled", false)),
                api.patch("/api/users/" + username, json("username", "someone-else")));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("detail").asText()).startsWith("unknown field");
        });
        assertThat(anonymous.post("/api/auth/login", json("username", username, "password",
                "another-passphrase-88")).status()).as("nothing was applied").isEqualTo(401);
    }

    @Test
    void no_password_or_hash_reaches_an_event() {
        String username = Accounts.uniqueUsername("kim");
        String password = "kims-secret-passphrase-" + System.nanoTime();
        assertThat(api.post("/api/users", json("username", username, "password", password, "displayName", "Kim",
                "kind", "HUMAN", "role", "VIEWER")).status()).isEqualTo(201);
        assertThat(api.patch("/api/users/" + username, json("password", password + "-2")).status()).isEqualTo(204);
        String hash = jdbc.queryForObject("SELECT password_hash FROM credentials WHERE username = ?", String.class,
                username);

        List<String> stored = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') FROM domain_event_entry""",
                String.class);

        assertThat(hash).startsWith("$2a$");
        assertThat(stored).isNotEmpty().allSatisfy(event -> assertThat(event)
                .doesNotContain(password).doesNotContain(hash).doesNotContain("$2a$"));
        assertThat(eventTypes(username)).containsExactly("AccountRegistered", "AccountPasswordChanged");
    }

    private List<String> eventTypes(String username) {
        return jdbc.queryForList("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?
                        ORDER BY sequence_number""", String.class, username).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** The directory is a read model: it shows a change once its projection has applied it. */
    private static JsonNode directory(ApiClient client, String path) {
        return Eventually.await(Duration.ofSeconds(5), () -> client.get(path), r -> r.status() == 200).json();
    }

    private static String uniqueProjectKey() {
        return io.taskledger.support.Projects.uniqueKey();
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
    }
}
