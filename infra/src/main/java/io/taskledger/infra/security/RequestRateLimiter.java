package io.taskledger.infra.security;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per account: {@code capacity} requests at once, refilled at {@code refill-per-second}. In memory,
 * per node: with N nodes behind a balancer an account may send up to N times the limit (docs/security.md).
 */
@Component
class RequestRateLimiter {

    private final Clock clock;
    private final double capacity;
    private final double refillPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestRateLimiter(SecurityProperties properties) {
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this.clock = Clock.systemUTC();
        this.capacity = properties.getRateLimit().getCapacity();
        this.refillPerNano = properties.getRateLimit().getRefillPerSecond() / 1e9;
    }

    /** Takes one request from the account's bucket; when it is empty, how long until one is available. */
    Optional<Duration> acquire(String username) {
        long now = nanos();
        Duration[] wait = {null};
        buckets.compute(username, (key, bucket) -> {
            double tokens = bucket == null ? capacity
                    : Math.min(capacity, bucket.tokens() + (now - bucket.at()) * refillPerNano);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(wait[0]);
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private record Bucket(double tokens, long at) {
    }
}
