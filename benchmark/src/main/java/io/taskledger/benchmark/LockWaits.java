package io.taskledger.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where PostgreSQL's backends stand while a point runs, from {@code pg_stat_activity} every 100 ms: how many run a
 * statement, how many of those wait for an advisory lock (a command waiting for its project's turn, held by a command
 * of the same project on another node or thread, docs/deployment.md) and how many for another lock. The means over the
 * point say how much of the database's concurrency goes into waiting rather than working.
 */
final class LockWaits implements AutoCloseable {

    record Summary(double active, double advisoryWaiting, double otherLockWaiting, int samples) {

        String describe() {
            return Report.format("PostgreSQL backends, mean over %d samples: %.1f running a statement, %.1f of them "
                    + "waiting for a project's turn (advisory lock), %.1f for another lock", samples, active,
                    advisoryWaiting, otherLockWaiting);
        }
    }

    private static final String SAMPLE = """
            select count(*) filter (where state = 'active'),
                   count(*) filter (where state = 'active' and wait_event_type = 'Lock' and wait_event = 'advisory'),
                   count(*) filter (where state = 'active' and wait_event_type = 'Lock' and wait_event <> 'advisory')
            from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()""";

    private final Connection connection;
    private final Thread sampler;
    private volatile boolean running = true;
    private long active;
    private long advisory;
    private long other;
    private int samples;

    LockWaits(JdbcReference database) throws SQLException {
        this.connection = database.connect();
        this.sampler = new Thread(this::sample, "lock-wait-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                try (ResultSet row = statement.executeQuery(SAMPLE)) {
                    row.next();
                    synchronized (this) {
                        active += row.getLong(1);
                        advisory += row.getLong(2);
                        other += row.getLong(3);
                        samples++;
                    }
                }
                Thread.sleep(100);
            }
        } catch (SQLException | InterruptedException e) {
            // the point is over, or the database went away: the samples so far stand
        }
    }

    Summary finish() throws InterruptedException {
        running = false;
        sampler.join(2000);
        synchronized (this) {
            double n = Math.max(1, samples);
            return new Summary(active / n, advisory / n, other / n, samples);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.join(2000);
        connection.close();
    }
}
