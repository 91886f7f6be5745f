package io.taskledger.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that tests move forward: the one clock of the shared test context (the domain's
 * and the events' timestamps), so a test can live through hours in seconds. It never goes back, so the tests that
 * run after see time move on, as it does.
 */
public final class SimulatedClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, not by " + duration);
        }
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is in UTC");
    }

    /** Picked up by the application's component scan in the test profile; replaces the system clock. */
    @Configuration(proxyBeanMethods = false)
    @Profile("test")
    static class SimulatedClockConfiguration {

        @Bean
        @Primary
        SimulatedClock simulatedClock() {
            return new SimulatedClock();
        }
    }
}
