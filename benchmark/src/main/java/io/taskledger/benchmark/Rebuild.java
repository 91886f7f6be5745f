package io.taskledger.benchmark;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 4's data: the event store grown to the target count by copying the run's real project streams under new
 * project ids (same JSON, ids replaced, new event ids), written with COPY in the event store's exact format, and the
 * project row of each copy, so that the board knows every project before the rebuild. Also tells where the board's
 * processor stands, to wait until it has caught up.
 */
final class Rebuild {

    record Result(long events, Duration elapsed, long processed, boolean finished) {
        double eventsPerSecond() {
            return processed / (elapsed.toNanos() / 1e9);
        }
    }

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"(?:index|globalIndex)\"\\s*:\\s*(\\d+)");
    private static final int COPY_CHUNK_ROWS = 20_000;
    private static final Duration STARTUP_ALLOWANCE = Duration.ofSeconds(180);

    private record Row(String aggregate, long sequence, String type, byte[] metaData, byte[] payload,
                       String revision, String payloadType, String timeStamp) {
    }

    private final JdbcReference database;

    Rebuild(JdbcReference database) {
        this.database = database;
    }

    /** Each copied project stream: the project it was copied from, and its own id. */
    private final List<String[]> copies = new ArrayList<>();

    /** Grows the event store to at least {@code target} events; the server must be stopped. */
    long growEventStoreTo(long target) throws SQLException {
        Map<String, List<Row>> streams = readStreams();
        long count = countEvents();
        HexFormat hex = HexFormat.of();
        try (Connection connection = database.connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder();
            int chunkRows = 0;
            while (count < target) {
                for (Map.Entry<String, List<Row>> stream : streams.entrySet()) {
                    String newId = UUID.randomUUID().toString();
                    copies.add(new String[] {stream.getKey(), newId});
                    for (Row row : stream.getValue()) {
                        chunk.append(newId).append('\t').append(row.sequence()).append('\t').append(row.type())
                                .append('\t').append(UUID.randomUUID()).append('\t')
                                .append("\\\\x").append(hex.formatHex(replaced(row.metaData(), stream.getKey(), newId)))
                                .append('\t')
                                .append("\\\\x").append(hex.formatHex(replaced(row.payload(), stream.getKey(), newId)))
                                .append('\t').append(row.revision() == null ? "\\N" : row.revision())
                                .append('\t').append(row.payloadType()).append('\t').append(row.timeStamp())
                                .append('\n');
                        chunkRows++;
                        count++;
                    }
                    if (chunkRows >= COPY_CHUNK_ROWS || count >= target) {
                        copyIn(copy, chunk);
                        chunk.setLength(0);
                        chunkRows = 0;
                    }
                    if (count >= target) {
                        break;
                    }
                }
            }
            if (chunkRows > 0) {
                copyIn(copy, chunk);
            }
        }
        return countEvents();
    }

    private static void copyIn(CopyManager copy, StringBuilder rows) throws SQLException {
        try {
            copy.copyIn("""
                    copy domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                        payload, payload_revision, payload_type, time_stamp) from stdin""",
                    new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    private static byte[] replaced(byte[] json, String oldId, String newId) {
        return json == null ? new byte[0]
                : new String(json, StandardCharsets.UTF_8).replace(oldId, newId).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, List<Row>> readStreams() throws SQLException {
        Map<String, List<Row>> streams = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select aggregate_identifier, sequence_number, type, meta_data, payload, payload_revision,
                            payload_type, time_stamp
                     from domain_event_entry where type = 'Project' order by global_index""")) {
            while (rows.next()) {
                Row row = new Row(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getBytes(4),
                        rows.getBytes(5), rows.getString(6), rows.getString(7), rows.getString(8));
                streams.computeIfAbsent(row.aggregate(), key -> new ArrayList<>()).add(row);
            }
        }
        return streams;
    }

    long countEvents() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Where a serialized token stands. A fresh processor starts from a replay token whose {@code tokenAtReset} is the
     * head; its position is that of its {@code currentToken} (null: nothing handled yet).
     */
    static long position(String token) {
        if (token == null) {
            return 0;
        }
        int current = token.indexOf("\"currentToken\"");
        String positionPart = current >= 0 ? token.substring(current) : token;
        Matcher index = TOKEN_INDEX.matcher(positionPart);
        return index.find() && !positionPart.matches("(?s)\"currentToken\"\\s*:\\s*null.*")
                ? Long.parseLong(index.group(1)) : 0;
    }

    /**
     * Gives every copied project the board's project row of the project it was copied from (the rebuild's list of
     * projects) but none of its other rows, and moves every processor's tokens to the head of the store; the server
     * must be stopped. The rebuild through the API then replays every event of every project the board knows and
     * writes every task, attempt, escalation and member row of the copies: the work of a rebuild from scratch, not the
     * repair of a board that is already right (where it would write next to nothing). Other processors at the head
     * do not spend the rebuild's time reading the copies, which concern only the board.
     */
    void copyBoardAndSkipToHead() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create temporary table copied_project (source uuid not null, copy uuid not null)");
            StringBuilder rows = new StringBuilder();
            for (String[] copy : copies) {
                rows.append(copy[0]).append('\t').append(copy[1]).append('\n');
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy copied_project (source, copy) from stdin", new StringReader(rows.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet column = statement.executeQuery("select column_name from information_schema.columns "
                    + "where table_name = 'board_project' order by ordinal_position")) {
                while (column.next()) {
                    columns.add(column.getString(1));
                }
            }
            String selected = String.join(", ", columns.stream()
                    .map(name -> name.equals("project_id") ? "c.copy" : "t." + name).toList());
            statement.execute("insert into board_project (" + String.join(", ", columns) + ") select " + selected
                    + " from board_project t join copied_project c on c.source = t.project_id");
            long head;
            try (ResultSet max = statement.executeQuery("select max(global_index) from domain_event_entry")) {
                max.next();
                head = max.getLong(1);
            }
            statement.execute("update token_entry set token_type = "
                    + "'org.axonframework.eventhandling.GapAwareTrackingToken', "
                    + "token = convert_to('{\"index\":" + head + ",\"gaps\":[]}', 'UTF8')");
        }
    }

    /**
     * Watches the board's tokens until they all reach the head of the store, or the time limit passes. Call it before
     * the server starts: the clock starts at the processor's first token claim, which happens during startup.
     */
    Result awaitCatchUp(Duration limit) throws Exception {
        long head = database.eventStoreHead();
        long events = countEvents();
        long firstClaim = 0;
        long lastLog = System.nanoTime();
        // The limit counts from the first claim; the server's startup before it is not the rebuild's time.
        long deadline = System.nanoTime() + limit.toNanos() + STARTUP_ALLOWANCE.toNanos();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            while (true) {
                long lowest = Long.MAX_VALUE;
                int segments = 0;
                try (ResultSet tokens = statement.executeQuery("""
                        select convert_from(token, 'UTF8') from token_entry where processor_name = 'task-board'""")) {
                    while (tokens.next()) {
                        segments++;
                        lowest = Math.min(lowest, position(tokens.getString(1)));
                    }
                }
                long now = System.nanoTime();
                if (segments > 0 && firstClaim == 0) {
                    firstClaim = now;
                    deadline = now + limit.toNanos();
                }
                if (segments > 0 && lowest >= head) {
                    return new Result(events, Duration.ofNanos(now - firstClaim), events, true);
                }
                if (now - lastLog > 5_000_000_000L) {
                    Benchmark.log("task-board: " + segments + " segments, lowest token " + lowest + " of " + head);
                    lastLog = now;
                }
                if (now > deadline) {
                    long processed = segments == 0 ? 0 : Math.round((double) Math.min(lowest, head) / head * events);
                    return new Result(events, Duration.ofNanos(now - (firstClaim == 0 ? now - 1 : firstClaim)),
                            processed, false);
                }
                Thread.sleep(100);
            }
        }
    }
}
