package io.taskledger.infra.web;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.Eventually;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/... and its alias /api/... reach the same endpoints under the same rules (docs/api-versioning.md). */
class ApiVersioningTest extends IntegrationTest {

    @Test
    void a_versioned_path_and_its_alias_are_the_same_endpoint() {
        ApiClient.Response created = api.post("/api/v1/projects", json("key", Projects.uniqueKey(), "name", "Versioned"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();

        ApiClient.Response imported = api.post("/api/v1/projects/" + id + "/plan",
                ExamplePlan.json(), "If-Match", created.header("ETag"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String version = imported.header("ETag").replace("\"", "");

        ApiClient.Response viaAlias = api.get("/api/projects/" + id + "/tasks", "X-Min-Version", version);
        ApiClient.Response viaVersion = api.get("/api/v1/projects/" + id + "/tasks", "X-Min-Version", version);
        assertThat(viaVersion.status()).isEqualTo(200);
        assertThat(viaVersion.body()).isEqualTo(viaAlias.body());
        assertThat(viaVersion.json()).hasSize(6);
        assertThat(viaVersion.header("Deprecation")).isNull();
        assertThat(viaVersion.header("Sunset")).isNull();
    }

    @Test
    void the_security_rules_hold_on_versioned_paths() {
        assertThat(anonymous.get("/api/v1/projects").status()).isEqualTo(401);
        ApiClient viewer = accounts.fresh(GlobalRole.VIEWER);
        assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
        // The account reaches the user directory asynchronously.
        assertThat(Eventually.await(Duration.ofSeconds(10), () -> viewer.get("/api/v1/users/me").status(),
                status -> status == 200)).isEqualTo(200);
        assertThat(viewer.post("/api/v1/projects", json("key", Projects.uniqueKey(), "name", "No")).status())
                .isEqualTo(403);
        ApiClient.Response login = anonymous.post("/api/v1/auth/login",
                json("username", "admin", "password", Accounts.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void a_version_this_server_does_not_serve_is_refused_in_words() {
        ApiClient.Response refused = api.get("/api/v2/projects");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("UNSUPPORTED_API_VERSION");
        assertThat(refused.json().get("detail").asText()).contains("v2").contains("/api/v1/");
        assertThat(api.get("/api/v1/no-such-thing").status()).isEqualTo(404);
    }

    @Test
    void the_api_description_names_the_versioned_paths() {
        var document = api.get("/v3/api-docs").json();

        assertThat(document.get("paths").has("/api/v1/projects")).isTrue();
        assertThat(document.get("paths").has("/api/projects")).isFalse();
        assertThat(document.get("info").get("version").asText()).isEqualTo("v1");
    }
}
