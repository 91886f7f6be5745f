package io.taskledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Projection lag under load: takes the newest command the server confirmed and polls the board's own table (one
 * primary-key read every millisecond, on a connection of its own) until the project's row shows that version. The
 * clock starts when the command's answer arrived, which is after its commit, so the figure slightly understates lag.
 */
final class LagProbe implements AutoCloseable {

    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    private final Connection connection;
    private final AtomicReference<TaskledgerClients.Commit> lastCommit;
    private final Latencies lags = new Latencies();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int stuck;

    LagProbe(Settings settings, AtomicReference<TaskledgerClients.Commit> lastCommit) throws SQLException {
        this.connection = DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        this.lastCommit = lastCommit;
        this.thread = new Thread(this::probe, "lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void probe() {
        TaskledgerClients.Commit previous = null;
        try (PreparedStatement version = connection.prepareStatement(
                "select version from board_project where project_id = ?::uuid")) {
            while (running) {
                TaskledgerClients.Commit commit = lastCommit.get();
                if (commit == null || commit == previous) {
                    Thread.sleep(5);
                    continue;
                }
                previous = commit;
                version.setString(1, commit.projectId());
                while (running) {
                    if (boardVersion(version) >= commit.version()) {
                        lags.add(System.nanoTime() - commit.answeredAtNanos());
                        break;
                    }
                    if (System.nanoTime() - commit.answeredAtNanos() > GIVE_UP_NANOS) {
                        stuck++;
                        break;
                    }
                    Thread.sleep(1);
                }
                Thread.sleep(10);   // a sample every ~10 ms is plenty and keeps the probe's own load small
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long boardVersion(PreparedStatement version) throws SQLException {
        try (ResultSet row = version.executeQuery()) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    /** Stops probing and returns the lags seen, in ms; a sample never seen within 30 s counts as the max. */
    Latencies.Summary finish() throws InterruptedException {
        running = false;
        thread.join(5_000);
        for (int i = 0; i < stuck; i++) {
            lags.add(GIVE_UP_NANOS);
        }
        return Latencies.summarize(List.of(lags));
    }

    @Override
    public void close() throws SQLException {
        running = false;
        connection.close();
    }
}
