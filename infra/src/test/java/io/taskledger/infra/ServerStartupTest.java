package io.taskledger.infra;

import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStartupTest extends IntegrationTest {

    @Test
    void health_answers_up() {
        var response = api.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void every_response_carries_a_correlation_id_and_echoes_a_well_formed_one() {
        assertThat(api.get("/health").header("X-Correlation-Id")).isNotBlank();
        assertThat(api.get("/health", "X-Correlation-Id", "req-42").header("X-Correlation-Id")).isEqualTo("req-42");
        assertThat(api.get("/health", "X-Correlation-Id", "not allowed; has spaces").header("X-Correlation-Id"))
                .isNotEqualTo("not allowed; has spaces");
    }

    @Test
    void an_unknown_route_is_a_problem_detail_with_a_code() {
        var response = api.get("/api/no-such-thing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }
}
