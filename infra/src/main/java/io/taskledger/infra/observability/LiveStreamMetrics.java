package io.taskledger.infra.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.query.stream.LiveStreams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How many live streams (SSE) this node serves now. */
@Configuration(proxyBeanMethods = false)
class LiveStreamMetrics {

    @Bean
    Gauge openLiveStreams(MeterRegistry registry, LiveStreams streams) {
        return Gauge.builder("taskledger.streams.open", streams, LiveStreams::openCount)
                .description("Live streams (server-sent events) open on this node")
                .register(registry);
    }
}
