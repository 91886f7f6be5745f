package io.taskledger.infra.persistence;

import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage decisions of docs/persistence.md, checked against the real database. */
class EventStoreSchemaTest extends IntegrationTest {

    @Test
    void payload_metadata_and_token_columns_are_bytea_never_large_objects() {
        List<Map<String, Object>> binaryColumns = jdbc.queryForList("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public'
                  AND (column_name IN ('payload', 'meta_data', 'token', 'task_data') OR data_type = 'oid')
                """);

        assertThat(binaryColumns).extracting(row -> row.get("table_name") + "." + row.get("column_name"))
                .contains("domain_event_entry.payload", "domain_event_entry.meta_data",
                        "snapshot_event_entry.payload", "token_entry.token", "scheduled_tasks.task_data");
        assertThat(binaryColumns).allSatisfy(row -> assertThat(row.get("data_type")).isEqualTo("bytea"));
    }

    @Test
    void the_global_index_sequence_hands_out_one_value_at_a_time() {
        Map<String, Object> sequence = jdbc.queryForMap("""
                SELECT increment_by, cache_size FROM pg_sequences
                WHERE sequencename = 'domain_event_entry_global_index_seq'
                """);

        assertThat(((Number) sequence.get("increment_by")).longValue()).isEqualTo(1);
        assertThat(((Number) sequence.get("cache_size")).longValue()).isEqualTo(1);
    }

    @Test
    void the_schema_comes_from_flyway_migrations() {
        List<String> applied = jdbc.queryForList(
                "SELECT description FROM flyway_schema_history WHERE success ORDER BY installed_rank", String.class);

        assertThat(applied).contains("axon infrastructure");
    }
}
