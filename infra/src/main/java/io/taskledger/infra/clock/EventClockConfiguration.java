package io.taskledger.infra.clock;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Events are stamped by the same injected {@link Clock} as the domain's decisions (lease deadlines), so an event's
 * timestamp, which time travel ({@code asOf}) reads, agrees with the times the events carry. Axon keeps its clock in
 * a static field; the server's clock is the system clock, so this only matters where a test drives time. Axon also
 * times its processors' token claims and gap timeouts by this clock: a clock that jumps must only jump forward.
 */
@Configuration(proxyBeanMethods = false)
public class EventClockConfiguration {

    @Bean
    InitializingBean eventsStampedByTheDomainClock(Clock clock) {
        return () -> GenericEventMessage.clock = clock;
    }
}
