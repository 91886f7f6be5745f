package io.taskledger.infra;

import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStartupTest extends IntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void health_answers_up() {
        var response = api.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void health_answers_503_while_the_server_does_not_accept_traffic() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            var response = anonymous.get("/health");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
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
