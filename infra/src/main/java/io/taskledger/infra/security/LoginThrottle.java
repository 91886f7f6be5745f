package io.taskledger.infra.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address. After {@code max-failures-per-account} failures for
 * one account, or {@code max-failures-per-address} from one address, within the lockout period, every login
 * attempt for that account or from that address is refused (429) until the period that began with the first
 * failure ends. A successful login clears the account's count. In memory, per node (docs/security.md).
 */
@Component
class LoginThrottle {

    /** Beyond this many tracked keys, expired ones are swept, so made-up usernames cannot exhaust memory. */
    private static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final SecurityProperties.Login settings;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SecurityProperties properties) {
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this(Clock.systemUTC(), properties);
    }

    LoginThrottle(Clock clock, SecurityProperties properties) {
        this.clock = clock;
        this.settings = properties.getLogin();
    }

    /** How long the caller must wait before trying again; empty when it may try now. */
    Optional<Duration> waitBefore(String username, String address) {
        Instant now = clock.instant();
        Duration forAccount = wait(accountKey(username), settings.getMaxFailuresPerAccount(), now);
        Duration forAddress = wait(addressKey(address), settings.getMaxFailuresPerAddress(), now);
        Duration longest = forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(window -> window.endsBy(now));
        }
        count(accountKey(username), now);
        count(addressKey(address), now);
    }

    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private void count(String key, Instant now) {
        failures.compute(key, (k, window) -> window == null || window.endsBy(now)
                ? new Window(now.plus(settings.getLockout()), 1)
                : new Window(window.end(), window.failures() + 1));
    }

    private Duration wait(String key, int maxFailures, Instant now) {
        Window window = failures.get(key);
        if (window == null || window.endsBy(now) || window.failures() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, window.end());
    }

    private static String accountKey(String username) {
        return "account:" + String.valueOf(username).toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private record Window(Instant end, int failures) {
        boolean endsBy(Instant now) {
            return !end.isAfter(now);
        }
    }
}
