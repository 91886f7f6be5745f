package io.taskledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference: the fastest this PostgreSQL does the same work with nothing in between. Writes insert the very event
 * rows Taskledger's commands produced, one transaction per command, into a table shaped like the event store; reads
 * run the SQL the board's query handlers run. Closed loop like the HTTP side, but with at most
 * {@code --reference-max-connections} connections: beyond that PostgreSQL on two cores only gets slower, and the
 * reference is meant to be its best.
 */
final class JdbcReference {

    /** One row of domain_event_entry, as a command wrote it. */
    record EventRow(long sequence, String type, byte[] metaData, byte[] payload, String revision, String payloadType,
                    String timeStamp) {
    }

    /** What one reference connection does per transaction. */
    interface Work {
        void once(Connection connection) throws SQLException;
    }

    private static final Pattern CAUSATION = Pattern.compile("\"causationId\"\\s*:\\s*\"([^\"]+)\"");

    private final Settings settings;

    JdbcReference(Settings settings) {
        this.settings = settings;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
    }

    /** Writes out what earlier scenarios left in the run's PostgreSQL's buffers, now rather than later. */
    void checkpoint() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("checkpoint");
        }
    }

    long eventStoreHead() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The event rows written after {@code afterIndex}, grouped by the command that caused them. */
    List<List<EventRow>> commandsAfter(long afterIndex) throws SQLException {
        Map<String, List<EventRow>> byCommand = new LinkedHashMap<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement("""
                select sequence_number, type, meta_data, payload, payload_revision, payload_type, time_stamp
                from domain_event_entry where global_index > ? order by global_index""")) {
            select.setLong(1, afterIndex);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    EventRow row = new EventRow(rows.getLong(1), rows.getString(2), rows.getBytes(3),
                            rows.getBytes(4), rows.getString(5), rows.getString(6), rows.getString(7));
                    Matcher causation = CAUSATION.matcher(new String(row.metaData(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    String command = causation.find() ? causation.group(1) : UUID.randomUUID().toString();
                    byCommand.computeIfAbsent(command, key -> new ArrayList<>()).add(row);
                }
            }
        }
        return new ArrayList<>(byCommand.values());
    }

    /** Same columns, constraints and sequence behaviour as the event store, but its own table and sequence. */
    void createReferenceEventTable() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists reference_event_entry");
            statement.execute("""
                    create table reference_event_entry (
                        global_index bigserial not null primary key,
                        aggregate_identifier varchar(255) not null,
                        sequence_number bigint not null,
                        type varchar(255),
                        event_identifier varchar(255) not null unique,
                        meta_data bytea,
                        payload bytea not null,
                        payload_revision varchar(255),
                        payload_type varchar(255) not null,
                        time_stamp varchar(255) not null,
                        unique (aggregate_identifier, sequence_number))""");
        }
    }

    /** One command's events per transaction, cycling through the commands Taskledger executed. */
    static Work appendCommands(List<List<EventRow>> commands) {
        AtomicInteger next = new AtomicInteger();
        return connection -> {
            List<EventRow> events = commands.get(Math.floorMod(next.getAndIncrement(), commands.size()));
            String aggregate = UUID.randomUUID().toString();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into reference_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (EventRow event : events) {
                    insert.setString(1, aggregate);
                    insert.setLong(2, event.sequence());
                    insert.setString(3, event.type());
                    insert.setString(4, UUID.randomUUID().toString());
                    insert.setBytes(5, event.metaData());
                    insert.setBytes(6, event.payload());
                    insert.setString(7, event.revision());
                    insert.setString(8, event.payloadType());
                    insert.setString(9, event.timeStamp());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        };
    }

    /** The board's reads, as its query handlers issue them: the read gate's version check, then the data. */
    static Work boardReads(Fixture fixture) {
        String versionVisibleToAgent = """
                select p.version from board_project p where p.project_id = ?::uuid
                  and exists (select 1 from board_member m where m.project_id = p.project_id and m.username = ?)""";
        String outlines = """
                select t.project_id, t.task_key, t.level, t.parent_key, t.title, t.status, t.assignee, t.priority,
                       t.attempts, t.max_retries, t.prerequisites, t.position
                from board_task t where t.project_id = ?::uuid order by t.position""";
        return connection -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Fixture.Project project = fixture.projects.get(random.nextInt(fixture.projects.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    readAll(connection, versionVisibleToAgent, project.id(), project.agent());
                    readAll(connection, outlines, project.id());
                }
                case 1 -> {
                    String taskKey = project.subtaskKeys().get(random.nextInt(project.subtaskKeys().size()));
                    readAll(connection, versionVisibleToAgent, project.id(), project.agent());
                    readAll(connection, "select * from board_task where project_id = ?::uuid and task_key = ?",
                            project.id(), taskKey);
                    readAll(connection, outlines, project.id());
                    readAll(connection, "select * from board_attempt where project_id = ?::uuid and task_key = ?"
                            + " order by number", project.id(), taskKey);
                }
                default -> readAll(connection, """
                        select t.project_id, t.task_key, t.level, t.parent_key, t.title, t.status, t.assignee,
                               t.priority, t.attempts, t.max_retries, t.prerequisites, t.position
                        from board_task t join board_project p on p.project_id = t.project_id
                        where p.archived = false and t.leaf = true and t.status = 'READY'
                          and (t.assignee = ? or t.assignee is null)
                          and exists (select 1 from board_member w where w.project_id = p.project_id
                                and w.username = ? and w.role in ('AGENT', 'CONTRIBUTOR'))
                          and exists (select 1 from board_member m
                                where m.project_id = p.project_id and m.username = ?)
                        order by case t.priority when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2
                                 when 'LOW' then 3 end, p.created_at, p.project_id, t.position
                        limit 1""", project.agent(), project.agent(), project.agent());
            }
            connection.commit();
        };
    }

    /**
     * What {@code GET /api/users/me} reads: the caller's row of the user directory by primary key, the select
     * Hibernate issues for {@code FindAccountQuery} ({@code DirectoryAccountRepository.findById}), for the agents in
     * turn, as the HTTP side asks.
     */
    static Work accountReads(Fixture fixture) {
        AtomicInteger next = new AtomicInteger();
        return connection -> {
            readAll(connection, """
                    select username, display_name, kind, role, enabled, registered_at, version
                    from user_directory where username = ?""",
                    fixture.projects.get(Math.floorMod(next.getAndIncrement(), fixture.projects.size())).agent());
            connection.commit();
        };
    }

    static Work mixed(Work reads, Work writes) {
        return connection -> {
            if (ThreadLocalRandom.current().nextDouble() < TaskledgerClients.Mixed.WRITE_SHARE) {
                writes.once(connection);
            } else {
                reads.once(connection);
            }
        };
    }

    private static void readAll(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rows.getString(c);   // decode every value, as an application would
                    }
                }
            }
        }
    }

    /** Closed loop over plain JDBC: min(N, max) threads, each with its own connection. */
    ClosedLoop.Result run(int connections, Duration warmup, Duration duration, Work work) throws Exception {
        int threads = Math.min(connections, settings.referenceMaxConnections());
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<String> firstError = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Connection connection = connect();
            connection.setAutoCommit(false);
            Thread worker = new Thread(() -> {
                try (connection) {
                    long sentAt;
                    while ((sentAt = System.nanoTime()) < measureUntil) {
                        try {
                            work.once(connection);
                            long answeredAt = System.nanoTime();
                            if (sentAt >= measureFrom && answeredAt <= measureUntil) {
                                mine.add(answeredAt - sentAt);
                            }
                        } catch (SQLException e) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError.isEmpty()) {
                                    firstError.add(e.toString());
                                }
                            }
                            connection.rollback();
                        }
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                }
            }, "reference-" + i);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        Latencies.Summary summary = Latencies.summarize(latencies);
        return new ClosedLoop.Result(summary.count() / (duration.toNanos() / 1e9), summary, errors.get(), 0,
                firstError.isEmpty() ? null : firstError.get(0));
    }
}
