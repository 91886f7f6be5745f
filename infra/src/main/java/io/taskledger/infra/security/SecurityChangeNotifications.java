package io.taskledger.infra.security;

import com.zaxxer.hikari.HikariDataSource;
import io.taskledger.infra.persistence.WorkloadRoutingDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Tells the other nodes over the database that sessions or accounts changed, and hears them: a logout, a revoked
 * session, a disabled account, a role or password change on one node makes every node forget its
 * {@link AuthenticationCache} as soon as the change commits (PostgreSQL {@code NOTIFY}, sent in the change's own
 * transaction, so it is delivered on commit and never for a change that rolled back). Each node listens on a
 * connection of its own, outside the pools. While that connection is down (the database restarting, say), the node
 * cannot hear changes, so its cache keeps nothing and every request is checked against the database.
 */
@Component
class SecurityChangeNotifications implements SmartLifecycle {

    static final String CHANNEL = "taskledger_security_changes";
    /** How long the listener waits for a notification before checking that its connection still works. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SecurityChangeNotifications.class);

    private final DataSource dataSource;
    private final AuthenticationCache cache;
    private volatile boolean running;
    private Thread listener;

    SecurityChangeNotifications(DataSource dataSource, JdbcTemplate jdbc, AuthenticationCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
        cache.hearsOtherNodes(false);
        cache.announceChangesWith(() -> jdbc.execute("NOTIFY " + CHANNEL));
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "security-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        boolean reportedDown = false;
        while (running) {
            try (Connection connection = openConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                // Whatever changed while this node was deaf is unknown: it starts from an empty cache.
                cache.hearsOtherNodes(true);
                if (reportedDown) {
                    log.info("Hearing the other nodes' session and account changes again");
                    reportedDown = false;
                }
                while (running) {
                    PGNotification[] heard = notifications.getNotifications((int) POLL.toMillis());
                    if (heard != null && heard.length > 0) {
                        cache.changedElsewhere();
                    } else if (!connection.isValid(5)) {
                        throw new SQLException("the listening connection stopped answering");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.hearsOtherNodes(false);
                if (running && !reportedDown) {
                    log.warn("Cannot hear the other nodes' session and account changes ({}); checking every request"
                            + " against the database until it can", e.getMessage());
                    reportedDown = true;
                }
                pause();
            }
        }
    }

    /** A connection of its own, with the request pool's settings: held for as long as the node runs. */
    private Connection openConnection() throws SQLException {
        if (dataSource instanceof WorkloadRoutingDataSource pools) {
            HikariDataSource pool = pools.requestPool();
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("ApplicationName", "taskledger-security-changes");
            properties.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
