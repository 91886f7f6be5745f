package io.taskledger.infra.web;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.time.Duration;

/** Too many requests or login attempts: 429 with a {@code Retry-After} of whole seconds. */
public class RateLimitedException extends TaskledgerException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter;
    }

    /** At least one second, rounded up. */
    public long retryAfterSeconds() {
        long millis = Math.max(retryAfter.toMillis(), 1);
        return (millis + 999) / 1000;
    }
}
