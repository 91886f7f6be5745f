package io.taskledger.security;

import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on every answer, and CORS for the configured origin only (application-test.yml). */
class HeadersAndCorsTest extends IntegrationTest {

    private static final String ALLOWED_ORIGIN = "https://app.example.test";

    @Test
    void every_answer_carries_the_security_headers() {
        for (Response response : List.of(anonymous.get("/health"), anonymous.get("/api/projects"),
                api.get("/api/projects"), api.get("/api/no-such-thing"))) {
            assertThat(response.header("X-Content-Type-Options")).as(response.toString()).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).contains("no-store");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Set-Cookie")).as("stateless: no session cookie").isNull();
        }
    }

    @Test
    void a_configured_origin_may_call_from_a_browser_and_no_other() {
        Response allowed = preflight(ALLOWED_ORIGIN);
        Response foreign = preflight("https://evil.example");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        assertThat(api.get("/api/projects", "Origin", ALLOWED_ORIGIN).header("Access-Control-Allow-Origin"))
                .isEqualTo(ALLOWED_ORIGIN);
        assertThat(api.get("/api/projects", "Origin", "https://evil.example").status()).isEqualTo(403);
    }

    private Response preflight(String origin) {
        return anonymous.send("OPTIONS", "/api/projects", null, "Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
    }
}
