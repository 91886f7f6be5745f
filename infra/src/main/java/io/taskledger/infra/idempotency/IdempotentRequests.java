package io.taskledger.infra.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code idempotent_request} table: per account and {@code Idempotency-Key}, the fingerprint of the first request
 * and, once it was answered, its answer. A row is claimed by inserting it (the primary key lets one request of many
 * concurrent ones win), in its own statement, outside any transaction, so that every other request sees the claim at
 * once. Rows older than {@link #RETENTION} no longer count and are deleted by {@link #expire()}.
 */
@Component
public class IdempotentRequests {

    /** How long a key stands for its first request. */
    public static final Duration RETENTION = Duration.ofHours(24);
    /**
     * A claim whose request was never answered (its node stopped mid-request) is given up after this long: no request
     * holds one longer, since a command waits at most {@code taskledger.commands.max-wait} (30 s) for its turn.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotentRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a request with a key may do. */
    sealed interface Claim {
    }

    /** This request is the key's first (or the earlier one expired or was abandoned): run it, then record its answer. */
    record Claimed() implements Claim {
    }

    /** The key's first request, with the same fingerprint, was answered: answer the same. */
    record Answered(StoredAnswer answer) implements Claim {
    }

    /** The key's first request had another fingerprint (another body, method or path). */
    record OtherRequest() implements Claim {
    }

    /** The key's first request is still being answered. */
    record InProgress() implements Claim {
    }

    record StoredAnswer(int status, String contentType, String etag, String location, byte[] body) {
    }

    Claim claim(String account, String key, byte[] fingerprint) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.update("INSERT INTO idempotent_request (account, idempotency_key, fingerprint, created_at) "
                        + "VALUES (?, ?, ?, ?)", account, key, fingerprint, Timestamp.from(now));
                return new Claimed();
            } catch (DuplicateKeyException taken) {
                List<Row> rows = jdbc.query("SELECT fingerprint, created_at, status, content_type, etag, location, body "
                        + "FROM idempotent_request WHERE account = ? AND idempotency_key = ?", (rs, i) -> new Row(
                                rs.getBytes(1), rs.getTimestamp(2).toInstant(), (Integer) rs.getObject(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7)),
                        account, key);
                if (rows.isEmpty()) {
                    continue;   // expired and deleted meanwhile: claim it again
                }
                Row row = rows.get(0);
                boolean answered = row.status() != null;
                boolean stale = row.createdAt().isBefore(now.minus(answered ? RETENTION : ABANDONED_AFTER));
                if (stale) {
                    // Deleted by this request or a concurrent one; the insert decides who claims the key anew.
                    jdbc.update("DELETE FROM idempotent_request WHERE account = ? AND idempotency_key = ? "
                            + "AND created_at = ?", account, key, Timestamp.from(row.createdAt()));
                    continue;
                }
                if (!Arrays.equals(row.fingerprint(), fingerprint)) {
                    return new OtherRequest();
                }
                if (!answered) {
                    return new InProgress();
                }
                return new Answered(new StoredAnswer(row.status(), row.contentType(), row.etag(), row.location(),
                        row.body()));
            }
        }
        return new InProgress();
    }

    void answered(String account, String key, StoredAnswer answer) {
        jdbc.update("UPDATE idempotent_request SET status = ?, content_type = ?, etag = ?, location = ?, body = ? "
                        + "WHERE account = ? AND idempotency_key = ?", answer.status(), answer.contentType(),
                answer.etag(), answer.location(), answer.body(), account, key);
    }

    /** The request failed on the server's side (5xx): a retry with the same key runs again. */
    void release(String account, String key) {
        jdbc.update("DELETE FROM idempotent_request WHERE account = ? AND idempotency_key = ? AND status IS NULL",
                account, key);
    }

    /** Deletes the keys older than {@link #RETENTION}; answers how many. */
    public int expire() {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?",
                Timestamp.from(clock.instant().minus(RETENTION)));
    }

    private record Row(byte[] fingerprint, Instant createdAt, Integer status, String contentType, String etag,
                       String location, byte[] body) {
    }
}
