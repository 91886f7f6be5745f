package io.taskledger.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Logging in, refreshing (rotation, reuse detection), changing one's password. */
class SessionsTest extends IntegrationTest {

    @Test
    void a_login_answers_a_bearer_access_token_of_15_minutes_and_a_refresh_token() {
        String username = openViewer();

        Response login = login(username, Accounts.PASSWORD);

        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        JsonNode pair = login.json();
        assertThat(pair.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(pair.get("expiresIn").asLong()).isBetween(890L, 900L);
        assertThat(pair.get("accessToken").asText().split("\\.")).hasSize(3);
        assertThat(pair.get("refreshToken").asText()).hasSizeGreaterThanOrEqualTo(40).doesNotContain(".");
        assertThat(login.header("Cache-Control")).contains("no-store");
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_answer() {
        String username = openViewer();

        Response wrongPassword = login(username, "not-the-password-at-all");
        Response unknownUser = login(Accounts.uniqueUsername("ghost"), "not-the-password-at-all");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
        assertThat(wrongPassword.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_refresh_spends_the_token_and_answers_a_new_pair() {
        JsonNode first = login(openViewer(), Accounts.PASSWORD).json();

        Response refreshed = refresh(first.get("refreshToken").asText());

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        JsonNode second = refreshed.json();
        assertThat(second.get("refreshToken").asText()).isNotEqualTo(first.get("refreshToken").asText());
        assertThat(second.get("accessToken").asText()).isNotEqualTo(first.get("accessToken").asText());
        assertThat(anonymous.withToken(second.get("accessToken").asText()).get("/api/projects").status())
                .isEqualTo(200);
        assertThat(refresh(second.get("refreshToken").asText()).status()).as("the new one works once").isEqualTo(200);
    }

    @Test
    void presenting_a_spent_refresh_token_revokes_its_whole_family() {
        JsonNode first = login(openViewer(), Accounts.PASSWORD).json();
        JsonNode second = refresh(first.get("refreshToken").asText()).json();

        Response replay = refresh(first.get("refreshToken").asText());

        assertThat(replay.status()).as("a spent token is refused").isEqualTo(401);
        assertThat(refresh(second.get("refreshToken").asText()).status())
                .as("the family's newest refresh token is revoked too").isEqualTo(401);
        assertThat(anonymous.withToken(second.get("accessToken").asText()).get("/api/projects").status())
                .as("and so are the family's access tokens").isEqualTo(401);
    }

    @Test
    void an_unknown_refresh_token_is_401() {
        assertThat(refresh("made-up-refresh-token-of-some-length-0123456789").status()).isEqualTo(401);
    }

    @Test
    void changing_ones_password_ends_every_session_and_the_old_password() {
        String username = openViewer();
        JsonNode other = login(username, Accounts.PASSWORD).json();
        ApiClient session = anonymous.loggedInAs(username, Accounts.PASSWORD);

        Response changed = session.post("/api/auth/password", json("currentPassword", Accounts.PASSWORD,
                "newPassword", "a-brand-new-passphrase-42"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(session.get("/api/projects").status()).isEqualTo(401);
        assertThat(refresh(other.get("refreshToken").asText()).status()).isEqualTo(401);
        assertThat(login(username, Accounts.PASSWORD).status()).isEqualTo(401);
        assertThat(login(username, "a-brand-new-passphrase-42").status()).isEqualTo(200);
    }

    @Test
    void a_password_change_needs_the_current_password_and_a_strong_new_one() {
        String username = openViewer();
        ApiClient session = anonymous.loggedInAs(username, Accounts.PASSWORD);

        Response wrongCurrent = session.post("/api/auth/password", json("currentPassword", "not-my-password-0",
                "newPassword", "a-brand-new-passphrase-42"));
        Response weak = session.post("/api/auth/password", json("currentPassword", Accounts.PASSWORD,
                "newPassword", "short"));
        Response withName = session.post("/api/auth/password", json("currentPassword", Accounts.PASSWORD,
                "newPassword", "my name is " + username));

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(weak.json().get("code").asText()).isEqualTo("WEAK_PASSWORD");
        assertThat(withName.json().get("code").asText()).isEqualTo("WEAK_PASSWORD");
        assertThat(withName.body()).doesNotContain("my name is");
    }

    private String openViewer() {
        String username = Accounts.uniqueUsername("session");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);
        return username;
    }

    private Response login(String username, String password) {
        return anonymous.post("/api/auth/login", json("username", username, "password", password));
    }

    private Response refresh(String refreshToken) {
        return anonymous.post("/api/auth/refresh", json("refreshToken", refreshToken));
    }
}
