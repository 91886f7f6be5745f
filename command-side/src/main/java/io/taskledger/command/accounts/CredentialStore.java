package io.taskledger.command.accounts;

import io.taskledger.api.access.GlobalRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * The {@code credentials} table: each account's password hash, with its current role and whether it is enabled,
 * which authentication reads on every request. Written only by {@link AccountService}, in the same transaction as
 * the account's command, so it always agrees with the account's events.
 */
@Component
public class CredentialStore {

    /** The primary key's name, so a race between two registrations of one username is recognized. */
    public static final String USERNAME_CONSTRAINT = "credentials_pkey";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CredentialStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<StoredCredential> find(String username) {
        return jdbc.query("SELECT username, password_hash, role, enabled FROM credentials WHERE username = ?",
                (row, index) -> new StoredCredential(row.getString("username"), row.getString("password_hash"),
                        GlobalRole.valueOf(row.getString("role")), row.getBoolean("enabled")),
                username).stream().findFirst();
    }

    public boolean exists(String username) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM credentials WHERE username = ?)", Boolean.class, username));
    }

    public boolean isEmpty() {
        return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM credentials)", Boolean.class));
    }

    void insert(String username, String passwordHash, GlobalRole role) {
        jdbc.update("INSERT INTO credentials (username, password_hash, role, enabled, changed_at) "
                + "VALUES (?, ?, ?, true, ?)", username, passwordHash, role.name(), now());
    }

    void replaceHash(String username, String passwordHash) {
        jdbc.update("UPDATE credentials SET password_hash = ?, changed_at = ? WHERE username = ?",
                passwordHash, now(), username);
    }

    void changeRole(String username, GlobalRole role) {
        jdbc.update("UPDATE credentials SET role = ?, changed_at = ? WHERE username = ?", role.name(), now(),
                username);
    }

    void disable(String username) {
        jdbc.update("UPDATE credentials SET enabled = false, changed_at = ? WHERE username = ?", now(), username);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
