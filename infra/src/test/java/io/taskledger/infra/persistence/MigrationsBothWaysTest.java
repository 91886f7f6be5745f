package io.taskledger.infra.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.TaskledgerApplication;
import io.taskledger.support.ApiClient;
import io.taskledger.support.LegacyEvents;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.taskledger.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database of the previous release (docs/deployment.md, "Upgrades and going back"): its schema, at the
 * previous release's last migration, holding that release's events, is opened by today's server, which migrates it,
 * replays the events into the read models and rebuilds them, with the event store's rows and columns as they were.
 * A start of its own: the schema must be the old one before the server's Flyway runs.
 */
class MigrationsBothWaysTest {

    /** The last migration of release 0.1.0 (main before the migrations V30 and above). Raise it at each release. */
    static final String PREVIOUS_RELEASE_LAST_MIGRATION = "20";
    private static final List<String> EVENT_STORE_TABLES = List.of("domain_event_entry", "snapshot_event_entry");
    private static final String ADMIN_PASSWORD = "migration-test-root-3b8d";

    @Test
    void a_database_of_the_previous_release_is_migrated_replayed_and_rebuilt_with_its_events_unchanged(
            @TempDir Path dataDir) throws IOException {
        String projectId = UUID.randomUUID().toString();
        List<Map<String, Object>> eventsBefore;
        List<Map<String, Object>> eventStoreColumnsBefore;
        try (EmbeddedPostgres previous = ExistingDatabase.migrated(dataDir, PREVIOUS_RELEASE_LAST_MIGRATION)) {
            JdbcTemplate jdbc = new JdbcTemplate(previous.getPostgresDatabase());
            assertThat(jdbc.queryForObject("select max(version::int) from flyway_schema_history", Integer.class))
                    .isEqualTo(Integer.parseInt(PREVIOUS_RELEASE_LAST_MIGRATION));
            LegacyEvents.store(jdbc, projectId, "LEGACY-" + projectId.substring(0, 8).toUpperCase(Locale.ROOT));
            eventsBefore = events(jdbc, projectId);
            eventStoreColumnsBefore = eventStoreColumns(jdbc);
        }

        Clock eventClockOfTheSharedContext = GenericEventMessage.clock;
        try (ConfigurableApplicationContext upgraded = new SpringApplicationBuilder(TaskledgerApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0", "--taskledger.data-dir=" + dataDir,
                "--taskledger.embedded-postgres.server-config.fsync=off",
                "--taskledger.security.admin-password=" + ADMIN_PASSWORD,
                "--taskledger.security.password.bcrypt-cost=4")) {
            JdbcTemplate jdbc = upgraded.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version::int > ?",
                    Integer.class, Integer.parseInt(PREVIOUS_RELEASE_LAST_MIGRATION))).isPositive();
            assertThat(eventStoreColumns(jdbc)).as("the event store's tables only gain columns")
                    .containsAll(eventStoreColumnsBefore);
            assertThat(events(jdbc, projectId)).as("the events, as the previous release wrote them").isEqualTo(eventsBefore);

            ApiClient admin = new ApiClient("http://127.0.0.1:" + upgraded.getEnvironment()
                    .getProperty("local.server.port")).loggedInAs("admin", ADMIN_PASSWORD);
            String replayed = await(Duration.ofSeconds(60), () -> board(admin, projectId),
                    board -> board.contains("P1-T1 READY"));
            assertThat(replayed).isEqualTo("P1 READY, P1-T1 READY");
            List<Map<String, Object>> liveRows = boardRows(jdbc, projectId);

            assertThat(admin.post("/api/admin/projections/task-board/rebuild", null).status()).isEqualTo(202);
            await(Duration.ofSeconds(60), () -> projection(admin, "task-board"),
                    status -> !"REBUILDING".equals(status.get("state").asText()));
            assertThat(projection(admin, "task-board").get("lastRebuildFailure").isNull()).isTrue();
            assertThat(boardRows(jdbc, projectId)).as("rebuilt from the events = replayed live").isEqualTo(liveRows);
            assertThat(board(admin, projectId)).isEqualTo(replayed);
            JsonNode integrity = admin.get("/api/projects/" + projectId + "/verify").json();
            assertThat(integrity.get("intact").asBoolean()).as(integrity.toString()).isTrue();
            assertThat(integrity.get("legacyEvents").asInt()).isEqualTo(eventsBefore.size());
        } finally {
            GenericEventMessage.clock = eventClockOfTheSharedContext;
        }
    }

    /**
     * Going back relies on this: a migration after the previous release never drops, renames or retypes anything of
     * the event store's tables, so the previous release still reads them (docs/deployment.md).
     */
    @Test
    void migrations_after_the_previous_release_only_add_to_the_event_store() throws IOException {
        Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
        Pattern destructive = Pattern.compile("(drop\\s+(table|column)|rename|alter\\s+column\\s+\\w+\\s+(set\\s+data\\s+)?type"
                + "|truncate|delete\\s+from)[^;]*", Pattern.CASE_INSENSITIVE);
        int checked = 0;
        for (Resource migration : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:db/migration/*.sql")) {
            Matcher name = version.matcher(migration.getFilename());
            if (!name.matches() || Integer.parseInt(name.group(1)) <= Integer.parseInt(PREVIOUS_RELEASE_LAST_MIGRATION)) {
                continue;
            }
            checked++;
            String sql = migration.getContentAsString(StandardCharsets.UTF_8).replaceAll("--[^\n]*", "");
            for (String statement : sql.split(";")) {
                boolean touchesEventStore = EVENT_STORE_TABLES.stream().anyMatch(statement.toLowerCase(Locale.ROOT)::contains);
                assertThat(touchesEventStore && destructive.matcher(statement).find())
                        .as(migration.getFilename() + " changes the event store destructively: " + statement.trim())
                        .isFalse();
            }
        }
        assertThat(checked).as("migrations after the previous release").isPositive();
    }

    private static List<Map<String, Object>> events(JdbcTemplate jdbc, String projectId) {
        return jdbc.queryForList("""
                select global_index, aggregate_identifier, sequence_number, event_identifier, payload_type,
                       payload_revision, payload, meta_data, time_stamp
                from domain_event_entry where aggregate_identifier = ? order by global_index""", projectId).stream()
                .map(MigrationsBothWaysTest::comparable).toList();
    }

    private static List<Map<String, Object>> eventStoreColumns(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                select table_name, column_name, data_type, is_nullable from information_schema.columns
                where table_schema = 'public' and table_name in ('domain_event_entry', 'snapshot_event_entry')
                order by table_name, column_name""");
    }

    private static List<Map<String, Object>> boardRows(JdbcTemplate jdbc, String projectId) {
        return jdbc.queryForList("select * from board_task where project_id = ?::uuid order by task_key", projectId)
                .stream().map(MigrationsBothWaysTest::comparable).toList();
    }

    /** byte arrays compared by content. */
    private static Map<String, Object> comparable(Map<String, Object> row) {
        row.replaceAll((column, value) -> value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value);
        return row;
    }

    private static String board(ApiClient admin, String projectId) {
        ApiClient.Response board = admin.get("/api/projects/" + projectId + "/tasks");
        if (board.status() != 200) {
            return board.toString();
        }
        return String.join(", ", java.util.stream.StreamSupport.stream(board.json().spliterator(), false)
                .map(task -> task.get("key").asText() + " " + task.get("status").asText()).toList());
    }

    private static JsonNode projection(ApiClient admin, String name) {
        for (JsonNode projection : admin.get("/api/admin/projections").json()) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }
}
