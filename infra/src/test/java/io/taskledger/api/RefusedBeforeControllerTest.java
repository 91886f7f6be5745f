package io.taskledger.api;

import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before any controller sees them, by the security filter chain's firewall or by Tomcat itself, are
 * answered like every other error: a problem detail with a stable code, and nothing naming the server's software.
 * They go over a plain socket, since an HTTP client would refuse or normalise most of them before sending.
 */
class RefusedBeforeControllerTest extends IntegrationTest {

    private static final String OVERSIZED = "a".repeat(20_000);

    @Test
    void an_empty_path_segment_is_refused_by_the_firewall_as_a_problem() {
        Response response = raw("GET", "/api/projects//members", bearer());

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.json().get("detail").asText()).contains("\"//\"");
    }

    @Test
    void a_malformed_percent_escape_is_refused_by_the_container_as_a_problem() {
        assertProblem(raw("GET", "/api/projects/%zz", bearer()), 400, "MALFORMED_REQUEST");
        assertProblem(raw("GET", "/api/%", bearer()), 400, "MALFORMED_REQUEST");
    }

    @Test
    void a_header_or_url_over_the_size_limit_is_refused_as_a_problem() {
        Response header = raw("GET", "/api/projects", bearer(), "X-Padding: " + OVERSIZED);
        Response url = raw("GET", "/api/projects?padding=" + OVERSIZED, bearer());

        for (Response response : new Response[] {header, url}) {
            assertProblem(response, 400, "MALFORMED_REQUEST");
            assertThat(response.json().get("detail").asText()).contains("size limit");
        }
    }

    @Test
    void a_wrong_method_on_an_unknown_path_is_a_problem() {
        assertProblem(raw("DELETE", "/no/such/path", bearer()), 404, "NOT_FOUND");
        assertProblem(raw("PUT", "/api/no-such-thing", bearer()), 404, "NOT_FOUND");
        assertProblem(raw("DELETE", "/no/such/path"), 401, "UNAUTHENTICATED");
    }

    @Test
    void methods_the_server_never_serves_are_problems() {
        assertProblem(raw("TRACE", "/health"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(raw("BREW", "/api/projects", bearer()), 400, "MALFORMED_REQUEST");
    }

    @Test
    void the_error_path_itself_answers_a_problem() {
        assertProblem(raw("GET", "/error", bearer()), 404, "NOT_FOUND");
    }

    private Response raw(String method, String target, String... headers) {
        return RawHttp.send(api.baseUrl(), method, target, headers);
    }

    private String bearer() {
        return "Authorization: Bearer " + api.accessToken();
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.header("Server")).isNull();
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("apache")
                .doesNotContainIgnoringCase("spring").doesNotContain("<html").doesNotContain("at io.")
                .doesNotContain("Exception");
    }
}
