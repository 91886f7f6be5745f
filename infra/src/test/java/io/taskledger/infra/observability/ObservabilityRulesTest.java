package io.taskledger.infra.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityRulesTest {

    @Test
    void logs_are_json_unless_in_a_terminal_or_chosen_explicitly() {
        assertThat(LogFormatEnvironmentPostProcessor.structured("auto", false)).isTrue();
        assertThat(LogFormatEnvironmentPostProcessor.structured("auto", true)).isFalse();
        assertThat(LogFormatEnvironmentPostProcessor.structured("json", true)).isTrue();
        assertThat(LogFormatEnvironmentPostProcessor.structured("plain", false)).isFalse();
    }

    @Test
    void trace_id_comes_from_a_well_formed_traceparent_else_is_new() {
        assertThat(LogContextFilter.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(LogContextFilter.traceIdOf("garbage")).matches("[0-9a-f]{32}");
        assertThat(LogContextFilter.traceIdOf(null)).matches("[0-9a-f]{32}");
    }

    @Test
    void lag_is_the_events_between_a_segment_and_the_head() {
        assertThat(EventProcessorLagMetrics.lag(1_000, 990)).isEqualTo(10);
        assertThat(EventProcessorLagMetrics.lag(1_000, 1_000)).isZero();
        assertThat(EventProcessorLagMetrics.lag(1_000, -1)).isEqualTo(1_000);
    }
}
