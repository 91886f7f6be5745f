package io.taskledger.security;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.Accounts;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an access token can be wrong is refused with the same 401 and the same words: nothing in the answer
 * tells an attacker which check failed. The forged tokens are built here, several with the server's own key (read
 * from the database) so that only the one wrong claim can be the reason.
 */
class JwtAttacksTest extends IntegrationTest {

    private ForgedTokens forge;

    @BeforeEach
    void readServerKey() {
        forge = new ForgedTokens(jdbc.queryForObject("SELECT secret FROM jwt_signing_key WHERE id = 1",
                byte[].class));
    }

    @Test
    void a_token_forged_right_in_every_way_is_accepted_so_each_refusal_below_has_one_cause() {
        Response response = anonymous.get("/api/projects",
                "Authorization", "Bearer " + forge.valid("admin", "ADMIN"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void missing_malformed_forged_expired_and_misaddressed_tokens_are_all_the_same_401() {
        List<Response> refusals = new ArrayList<>();
        refusals.add(anonymous.get("/api/projects"));
        refusals.add(anonymous.get("/api/projects", "Authorization", "Bearer not-a-jwt"));
        refusals.add(anonymous.get("/api/projects", "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA"));
        refusals.add(anonymous.get("/api/projects", "Authorization", "Bearer "));
        refusals.add(anonymous.get("/api/projects", "Authorization", "Basic YWRtaW46YWRtaW4="));
        refusals.add(bearer(forge.unsigned("admin", "ADMIN")));
        refusals.add(bearer(forge.signedWithAnotherKey("admin", "ADMIN")));
        refusals.add(bearer(forge.expired("admin", "ADMIN")));
        refusals.add(bearer(forge.issuedBy("someone-else", "admin", "ADMIN")));
        refusals.add(bearer(forge.forAudience("another-api", "admin", "ADMIN")));
        refusals.add(bearer(forge.valid("nobody-has-this-name", "ADMIN")));
        String tampered = api.accessToken().substring(0, api.accessToken().lastIndexOf('.') + 1) + "AAAA";
        refusals.add(bearer(tampered));

        assertThat(refusals).allSatisfy(this::assertUnauthenticated);
        assertThat(refusals.stream().map(r -> r.json().get("detail").asText()).distinct()).hasSize(1);
    }

    @Test
    void a_write_without_a_token_is_401_not_403() {
        assertUnauthenticated(anonymous.post("/api/projects", json("key", "X", "name", "x")));
        assertUnauthenticated(anonymous.post("/api/auth/logout", null));
    }

    @Test
    void after_logout_the_access_token_and_its_refresh_token_stop_working_at_once() {
        String username = Accounts.uniqueUsername("leaver");
        accounts.open(username, io.taskledger.api.access.AccountKind.HUMAN, GlobalRole.VIEWER);
        Response login = anonymous.post("/api/auth/login", json("username", username, "password",
                Accounts.PASSWORD));
        ApiClient session = anonymous.withToken(login.json().get("accessToken").asText());
        assertThat(session.get("/api/projects").status()).isEqualTo(200);

        Response logout = session.post("/api/auth/logout", null);

        assertThat(logout.status()).as(logout.toString()).isEqualTo(200);
        assertUnauthenticated(session.get("/api/projects"));
        assertUnauthenticated(anonymous.post("/api/auth/refresh",
                json("refreshToken", login.json().get("refreshToken").asText())));
    }

    @Test
    void a_disabled_accounts_tokens_stop_working_and_it_cannot_log_in() {
        String username = Accounts.uniqueUsername("gone");
        ApiClient session = accounts.as(username, io.taskledger.api.access.AccountKind.HUMAN, GlobalRole.MANAGER);
        assertThat(session.get("/api/projects").status()).isEqualTo(200);

        assertThat(api.delete("/api/users/" + username).status()).isEqualTo(204);

        assertUnauthenticated(session.get("/api/projects"));
        assertUnauthenticated(anonymous.post("/api/auth/login", json("username", username,
                "password", Accounts.PASSWORD)));
    }

    private Response bearer(String token) {
        return anonymous.get("/api/projects", "Authorization", "Bearer " + token);
    }

    private void assertUnauthenticated(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.body()).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("signature")
                .doesNotContainIgnoringCase("issuer").doesNotContainIgnoringCase("audience");
    }
}
