package io.taskledger.infra.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityRulesTest {

    @Test
    void logsAreJsonUnlessInATerminalOrChosenExplicitly() {
        assertThat(LogFormatEnvironmentPostProcessor.structured("auto", false)).isTrue();
        assertThat(LogFormatEnvironmentPostProcessor.structured("auto", true)).isFalse();
        assertThat(LogFormatEnvironmentPostProcessor.structured("json", true)).isTrue();
        assertThat(LogFormatEnvironmentPostProcessor.structured("plain", false)).isFalse();
    }

    @Test
    void traceIdComesFromAWellFormedTraceparentElseIsNew() {
        assertThat(LogContextFilter.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(LogContextFilter.traceIdOf("garbage")).matches("[0-9a-f]{32}");
        assertThat(LogContextFilter.traceIdOf(null)).matches("[0-9a-f]{32}");
    }

    @Test
    void lagIsTheEventsBetweenASegmentAndTheHead() {
        assertThat(EventProcessorLagMetrics.lag(1_000, 990)).isEqualTo(10);
        assertThat(EventProcessorLagMetrics.lag(1_000, 1_000)).isZero();
        assertThat(EventProcessorLagMetrics.lag(1_000, -1)).isEqualTo(1_000);
    }
}
