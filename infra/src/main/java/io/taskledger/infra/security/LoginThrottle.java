package io.taskledger.infra.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address. After {@code max-failures-per-account} failures for
 * one account, or {@code max-failures-per-address} from one address, within the lockout period, every login
 * attempt for that account or from that address is refused (429) until the period that began with the first
 * failure ends. A successful login clears the account's count. The counts are kept in PostgreSQL (table
 * {@code login_failure}), so they hold for the whole cluster: a password guesser gains nothing from going round the
 * nodes (docs/security.md).
 */
@Component
class LoginThrottle {

    /** Where the failure windows are counted. */
    interface Windows {
        Optional<Window> find(String key);

        /** One more failure; a window that ended by {@code now} starts again, ending at {@code newEnd}. */
        void count(String key, Instant now, Instant newEnd);

        void clear(String key);
    }

    record Window(Instant end, int failures) {
        boolean endsBy(Instant now) {
            return !end.isAfter(now);
        }
    }

    private static final int MAX_KEY_LENGTH = 200;

    private final Clock clock;
    private final SecurityProperties.Login settings;
    private final Windows windows;

    @Autowired
    LoginThrottle(SecurityProperties properties, JdbcTemplate jdbc) {
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this(Clock.systemUTC(), properties, new DatabaseWindows(jdbc));
    }

    /** Counting in this JVM only: for tests of what the throttle decides. */
    LoginThrottle(Clock clock, SecurityProperties properties) {
        this(clock, properties, new InMemoryWindows());
    }

    LoginThrottle(Clock clock, SecurityProperties properties, Windows windows) {
        this.clock = clock;
        this.settings = properties.getLogin();
        this.windows = windows;
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
        Instant newEnd = now.plus(settings.getLockout());
        windows.count(accountKey(username), now, newEnd);
        windows.count(addressKey(address), now, newEnd);
    }

    void succeeded(String username) {
        windows.clear(accountKey(username));
    }

    private Duration wait(String key, int maxFailures, Instant now) {
        Window window = windows.find(key).orElse(null);
        if (window == null || window.endsBy(now) || window.failures() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, window.end());
    }

    private static String accountKey(String username) {
        return bounded("account:" + String.valueOf(username).toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return bounded("address:" + address);
    }

    /** A made-up username may be of any length; a key stays short enough to be stored and indexed. */
    private static String bounded(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, key.indexOf(':') + 1) + "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row per key in {@code login_failure}; a failed login also deletes the windows that have ended. */
    static final class DatabaseWindows implements Windows {

        private final JdbcTemplate jdbc;

        DatabaseWindows(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Optional<Window> find(String key) {
            return jdbc.query("SELECT window_end, failures FROM login_failure WHERE throttle_key = ?",
                    (row, n) -> new Window(row.getTimestamp(1).toInstant(), row.getInt(2)), key).stream().findFirst();
        }

        @Override
        public void count(String key, Instant now, Instant newEnd) {
            Timestamp at = Timestamp.from(now);
            jdbc.update("""
                    INSERT INTO login_failure (throttle_key, window_end, failures) VALUES (?, ?, 1)
                    ON CONFLICT (throttle_key) DO UPDATE SET
                        failures = CASE WHEN login_failure.window_end <= ? THEN 1 ELSE login_failure.failures + 1 END,
                        window_end = CASE WHEN login_failure.window_end <= ? THEN excluded.window_end
                                          ELSE login_failure.window_end END
                    """, key, Timestamp.from(newEnd), at, at);
            jdbc.update("DELETE FROM login_failure WHERE window_end <= ?", at);
        }

        @Override
        public void clear(String key) {
            jdbc.update("DELETE FROM login_failure WHERE throttle_key = ?", key);
        }
    }

    static final class InMemoryWindows implements Windows {

        private final Map<String, Window> windows = new ConcurrentHashMap<>();

        @Override
        public Optional<Window> find(String key) {
            return Optional.ofNullable(windows.get(key));
        }

        @Override
        public void count(String key, Instant now, Instant newEnd) {
            windows.compute(key, (k, window) -> window == null || window.endsBy(now)
                    ? new Window(newEnd, 1) : new Window(window.end(), window.failures() + 1));
        }

        @Override
        public void clear(String key) {
            windows.remove(key);
        }
    }
}
