package io.taskledger.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.query.FindTasksOfProjectsQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists resolve without one read per item: the tasks of a page of projects are read by one query, whatever the
 * number of projects. The SQL statements are counted by PostgreSQL itself (pg_stat_statements, loaded by the test
 * profile's embedded PostgreSQL).
 */
class GraphQlBatchLoadingTest extends IntegrationTest {

    private static final int PROJECTS = 50;
    private static final String BOARDS = "{ projects(limit: 50) { items { key tasks { key status blockedBy } } } }";

    @Autowired
    private MeterRegistry meters;

    @Test
    void fifty_projects_with_their_tasks_cost_a_bounded_number_of_sql_statements() {
        ApiClient manager = accounts.fresh(GlobalRole.MANAGER);
        List<Long> versions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            Response created = manager.post("/api/projects", json("key", Projects.uniqueKey(), "name", "Board " + i));
            String id = created.json().get("id").asText();
            Response added = manager.post("/api/projects/" + id + "/tasks",
                    json("key", "PH" + i, "level", "PHASE", "title", "Phase " + i));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            ids.add(id);
            versions.add(Projects.version(added));
        }
        for (int i = 0; i < PROJECTS; i++) {  // every board current before the count starts
            assertThat(manager.get("/api/projects/" + ids.get(i), "X-Min-Version", String.valueOf(versions.get(i)))
                    .status()).isEqualTo(200);
        }
        // In a schema of its own, apart from the server's tables that other tests inspect.
        jdbc.execute("create schema if not exists statement_counts");
        jdbc.execute("create extension if not exists pg_stat_statements schema statement_counts");
        jdbc.queryForList("select statement_counts.pg_stat_statements_reset()");
        double perProjectReads = asked(FindTasksQuery.class);
        double batchedReads = asked(FindTasksOfProjectsQuery.class);

        Response boards = manager.post("/graphql", json("query", BOARDS));

        long boardStatements = jdbc.queryForObject("select coalesce(sum(calls), 0) from statement_counts.pg_stat_statements"
                + " where query ilike 'select%' and query ilike '%from board_%'", Long.class);
        JsonNode projects = boards.json().at("/data/projects/items");
        assertThat(projects).as(boards.toString()).hasSize(PROJECTS);
        projects.forEach(project -> assertThat(project.get("tasks")).hasSize(1));
        assertThat(asked(FindTasksQuery.class) - perProjectReads).as("one read per project").isZero();
        assertThat(asked(FindTasksOfProjectsQuery.class) - batchedReads).as("reads of the tasks of many projects")
                .isEqualTo(1);
        assertThat(boardStatements).as("SELECTs on the board's tables for 50 projects and their tasks")
                .isBetween(1L, 5L);
    }

    private double asked(Class<?> query) {
        Counter counter = meters.find("queryBus.successCounter").tag("payloadType", query.getSimpleName()).counter();
        return counter == null ? 0 : counter.count();
    }
}
