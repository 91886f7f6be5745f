package io.taskledger.security;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import io.taskledger.support.SseClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live stream lasts as long as its session: it ends within a second of a logout or of its account being disabled,
 * and when its access token expires (docs/streams.md, "When a stream ends").
 */
class LiveStreamSessionsTest extends IntegrationTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @Test
    void a_logout_closes_the_sessions_stream_within_a_second() {
        String username = Accounts.uniqueUsername("streamer");
        ApiClient member = member(username);
        String projectId = projectOf(username);
        try (SseClient stream = open(member, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            assertThat(member.post("/api/auth/logout", null).status()).isEqualTo(200);
            long loggedOut = System.nanoTime();

            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("the stream ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - loggedOut)).isLessThan(WITHIN_A_SECOND);
            assertThat(stream.comments()).anyMatch(comment -> comment.contains("its session ended"));
        }
    }

    @Test
    void disabling_the_account_closes_its_streams_within_a_second() {
        String username = Accounts.uniqueUsername("disabled");
        ApiClient member = member(username);
        String projectId = projectOf(username);
        try (SseClient stream = open(member, projectId);
             SseClient admins = open(api, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            assertThat(api.delete("/api/users/" + username).status()).isEqualTo(204);
            long disabled = System.nanoTime();

            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("the stream ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - disabled)).isLessThan(WITHIN_A_SECOND);
            assertThat(admins.awaitEnd(Duration.ofMillis(500))).as("another account's stream goes on").isFalse();
        }
    }

    @Test
    void a_role_change_closes_the_accounts_streams_within_a_second() {
        String username = Accounts.uniqueUsername("demoted");
        ApiClient auditor = accounts.as(username, io.taskledger.api.access.AccountKind.HUMAN, GlobalRole.AUDITOR);
        String projectId = new Projects(api).create();   // not a member: an AUDITOR reads every project
        try (SseClient stream = open(auditor, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            assertThat(api.patch("/api/users/" + username, json("role", "VIEWER")).status()).isEqualTo(204);
            long demoted = System.nanoTime();

            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("the stream ended").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - demoted)).isLessThan(WITHIN_A_SECOND);
            assertThat(stream.comments()).anyMatch(comment -> comment.contains("its account's role changed"));
        }
        try (SseClient reopened = SseClient.open(auditor.baseUrl() + "/api/projects/" + projectId + "/stream",
                auditor.accessToken())) {
            assertThat(reopened.status()).as("opened again, it is decided with the new role").isEqualTo(404);
        }
    }

    @Test
    void a_stream_ends_when_its_access_token_expires() {
        String username = Accounts.uniqueUsername("expiring");
        member(username);
        String projectId = projectOf(username);
        ForgedTokens forge = new ForgedTokens(jdbc.queryForObject("SELECT secret FROM jwt_signing_key WHERE id = 1",
                byte[].class));
        ApiClient shortLived = api.withToken(forge.validFor(username, GlobalRole.VIEWER.name(),
                Duration.ofSeconds(3)));
        try (SseClient stream = open(shortLived, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            assertThat(stream.awaitEnd(Duration.ofMillis(1000))).as("still open before expiry").isFalse();
            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("ended at expiry").isTrue();
            assertThat(stream.comments()).anyMatch(comment -> comment.contains("its access token expired"));
        }
    }

    private ApiClient member(String username) {
        return accounts.as(username, io.taskledger.api.access.AccountKind.HUMAN, GlobalRole.VIEWER);
    }

    private String projectOf(String username) {
        Projects projects = new Projects(api);
        String projectId = projects.create();
        projects.join(projectId, username, ProjectRole.VIEWER);
        return projectId;
    }

    /** Waits (X-Min-Version) for the board to show the membership: the project is at version 1 or later by then. */
    private static SseClient open(ApiClient client, String projectId) {
        return SseClient.open(client.baseUrl() + "/api/projects/" + projectId + "/stream", client.accessToken(),
                "X-Min-Version", "1");
    }

}
