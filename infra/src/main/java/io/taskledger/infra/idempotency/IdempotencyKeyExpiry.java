package io.taskledger.infra.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.TimeUnit;

/**
 * Deletes the {@code Idempotency-Key}s older than 24 hours, every hour on every node (deleting twice is harmless). A
 * key past its 24 hours no longer counts even before this runs: {@link IdempotentRequests#claim} ignores it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyKeyExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

    private final IdempotentRequests requests;

    IdempotencyKeyExpiry(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void expireOldKeys() {
        int expired = requests.expire();
        if (expired > 0) {
            log.info("Expired {} idempotency keys older than {}", expired, IdempotentRequests.RETENTION);
        }
    }
}
