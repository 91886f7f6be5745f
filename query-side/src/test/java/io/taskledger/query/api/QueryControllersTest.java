package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.AgentWorkload;
import io.taskledger.api.query.AgentWorkloadList;
import io.taskledger.api.query.EscalationList;
import io.taskledger.api.query.FindAgentWorkloadsQuery;
import io.taskledger.api.query.FindEscalationsQuery;
import io.taskledger.api.query.FindNextTaskQuery;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindProjectsQuery;
import io.taskledger.api.query.FindTaskQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectScopedQuery;
import io.taskledger.api.query.ProjectList;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.query.TaskRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class QueryControllersTest {

    private final ProjectId known = ProjectId.random();
    private final ProjectSummary summary = new ProjectSummary(known, "SHOP", "Shop", null, false,
            Instant.parse("2026-03-01T09:00:00Z"), 7, 1, countsWith(TaskStatus.READY), 0);
    private final TaskRow row = new TaskRow(known, TaskKey.of("P1"), TaskLevel.PHASE, null, "Setup",
            TaskStatus.READY, null, Priority.HIGH, 0, 3, List.of(), 1);
    private final List<Object> asked = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private ProjectVersion version = ProjectVersion.of(7);
    private static final Caller VIEWER = new Caller("vic", GlobalRole.VIEWER);

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        BoardQueries queries = new StubAnswers()
                .answer(FindProjectsQuery.class, ProjectList.class, query -> new ProjectList(List.of(summary)))
                .answer(FindProjectQuery.class, ProjectAnswer.class, query -> answer(query, summary))
                .answer(FindTasksQuery.class, ProjectAnswer.class, query -> {
                    asked.add(query);
                    return answer(query, new TaskList(List.of(row)));
                })
                .answer(FindTaskQuery.class, ProjectAnswer.class, query -> answer(query, null))
                .answer(FindNextTaskQuery.class, TaskRow.class, query -> query.agent().equals("coder") ? row : null)
                .answer(FindAgentWorkloadsQuery.class, AgentWorkloadList.class,
                        query -> new AgentWorkloadList(List.of(new AgentWorkload("coder", 1, 2, 0, 0, 3, 0))))
                .answer(FindEscalationsQuery.class, EscalationList.class, query -> {
                    asked.add(query);
                    return new EscalationList(List.of());
                })
                .queries();
        mvc = MockMvcBuilders.standaloneSetup(new ProjectQueryController(queries,
                                new SerializedBoards(JsonMapper.builder().build(), 10)),
                        new AgentQueryController(queries), new EscalationQueryController(queries))
                .setControllerAdvice(new RefusalsAsStatus())
                .setCustomArgumentResolvers(new FixedCaller(VIEWER))
                .build();
    }

    /**
     * As the handlers answer (ProjectReadAccess): only the known project, at version {@link #version}, to this
     * viewer; unchanged, without reading, at a version the query's scope knows.
     */
    private ProjectAnswer<Object> answer(ProjectScopedQuery query, Object body) {
        if (!query.projectId().equals(known) || !query.viewer().equals(VIEWER)) {
            throw new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + query.projectId()
                    + " does not exist");
        }
        if (query.scope().minVersion() != null && query.scope().minVersion().value() > version.value()) {
            throw new TaskledgerException(ErrorCode.READ_MODEL_BEHIND, "not yet");
        }
        if (query.scope().known().contains(version)) {
            return ProjectAnswer.unchangedAt(version);
        }
        reads.incrementAndGet();
        return ProjectAnswer.of(version, body);
    }

    @Test
    void every_project_read_answers_its_version_as_etag_and_to_be_revalidated() throws Exception {
        for (String path : List.of("/api/projects/{id}", "/api/projects/{id}/tasks")) {
            mvc.perform(get(path, known))
                    .andExpect(status().isOk())
                    .andExpect(header().string("ETag", "\"7\""))
                    .andExpect(header().string("Cache-Control", "no-cache, private"));
        }
    }

    @Test
    void a_revalidation_at_the_current_version_is_not_modified_and_reads_nothing() throws Exception {
        for (String path : List.of("/api/projects/{id}", "/api/projects/{id}/tasks", "/api/projects/{id}/tasks/P1")) {
            int before = reads.get();
            mvc.perform(get(path, known).header("If-None-Match", "\"7\""))
                    .andExpect(status().isNotModified())
                    .andExpect(header().string("ETag", "\"7\""))
                    .andExpect(content().string(""));
            assertThat(reads.get()).as(path).isEqualTo(before);
        }
        mvc.perform(get("/api/projects/{id}", known).header("If-None-Match", "\"6\", W/\"7\""))
                .andExpect(status().isNotModified());
    }

    @Test
    void a_stale_etag_gets_the_new_answer() throws Exception {
        mvc.perform(get("/api/projects/{id}/tasks", known).header("If-None-Match", "\"6\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"7\""))
                .andExpect(jsonPath("$[0].key").value("P1"));
        mvc.perform(get("/api/projects/{id}", known).header("If-None-Match", "\"6\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(7));
    }

    @Test
    void a_board_is_serialized_once_per_version_and_written_again_as_kept() throws Exception {
        String first = mvc.perform(get("/api/projects/{id}/tasks", known)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        int readsAfterFirst = reads.get();

        String second = mvc.perform(get("/api/projects/{id}/tasks", known)).andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"7\"")).andReturn().getResponse().getContentAsString();

        assertThat(second).isEqualTo(first).contains("\"key\":\"P1\"");
        assertThat(reads.get()).as("the second reader's board came from the kept serialization")
                .isEqualTo(readsAfterFirst);
        version = ProjectVersion.of(8);
        mvc.perform(get("/api/projects/{id}/tasks", known)).andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"8\""));
        assertThat(reads.get()).as("a new version is read again").isEqualTo(readsAfterFirst + 1);
    }

    @Test
    void a_viewer_who_may_not_see_the_project_never_gets_not_modified() throws Exception {
        mvc.perform(get("/api/projects/{id}/tasks", known)).andExpect(status().isOk());
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks", ProjectId.random()).header("If-None-Match",
                "\"7\"")), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void projects_are_an_array_of_summaries() throws Exception {
        mvc.perform(get("/api/projects"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(known.toString()))
                .andExpect(jsonPath("$[0].countsByStatus.READY").value(1))
                .andExpect(jsonPath("$[0].countsByStatus.FAILED").value(0));
    }

    @Test
    void a_project_carries_its_version_as_etag() throws Exception {
        mvc.perform(get("/api/projects/{id}", known))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"7\""))
                .andExpect(jsonPath("$.key").value("SHOP"))
                .andExpect(jsonPath("$.version").value(7));
    }

    @Test
    void an_unknown_project_is_not_found() throws Exception {
        refusedWith(mvc.perform(get("/api/projects/{id}", ProjectId.random())), 404, "PROJECT_NOT_FOUND");
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks", ProjectId.random())), 404, "PROJECT_NOT_FOUND");
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks/P1", ProjectId.random())), 404, "PROJECT_NOT_FOUND");
    }

    @Test
    void a_read_ahead_of_the_read_model_is_refused_past_the_bound() throws Exception {
        refusedWith(mvc.perform(get("/api/projects/{id}", known).header("X-Min-Version", "8")), 503,
                "READ_MODEL_BEHIND");
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks", known).header("X-Min-Version", "x")), 400,
                "INVALID_INPUT");
        mvc.perform(get("/api/projects/{id}/tasks", known).header("X-Min-Version", "7"))
                .andExpect(status().isOk());
    }

    @Test
    void task_filters_reach_the_query_typed() throws Exception {
        mvc.perform(get("/api/projects/{id}/tasks", known)
                        .param("status", "ready").param("assignee", "coder").param("level", "PHASE"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].key").value("P1"));

        assertThat(asked).containsExactly(new FindTasksQuery(ProjectScope.of(known, VIEWER), TaskStatus.READY, "coder",
                TaskLevel.PHASE));
    }

    @Test
    void bad_filter_text_is_refused_naming_the_parameter() throws Exception {
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks", known).param("status", "DONE")), 400,
                "INVALID_INPUT").andExpect(jsonPath("$.detail").value(startsWith("status")));
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks", known).param("level", "EPIC")), 400,
                "INVALID_INPUT").andExpect(jsonPath("$.detail").value(startsWith("level")));
        refusedWith(mvc.perform(get("/api/projects/not-a-uuid/tasks")), 400, "INVALID_INPUT");
        refusedWith(mvc.perform(get("/api/escalations").param("status", "CLOSED")), 400, "INVALID_INPUT");
    }

    @Test
    void an_unknown_task_is_not_found() throws Exception {
        refusedWith(mvc.perform(get("/api/projects/{id}/tasks/P9", known)), 404, "TASK_NOT_FOUND");
    }

    @Test
    void the_next_task_is_a_row_or_no_content() throws Exception {
        mvc.perform(get("/api/agents/coder/next-task"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value("P1"));
        mvc.perform(get("/api/agents/tester/next-task"))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));
    }

    @Test
    void workloads_and_escalations_are_arrays() throws Exception {
        mvc.perform(get("/api/agents"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].agent").value("coder"))
                .andExpect(jsonPath("$[0].succeeded").value(3));
        mvc.perform(get("/api/escalations").param("status", "OPEN"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());

        assertThat(asked).containsExactly(new FindEscalationsQuery("OPEN", VIEWER));
    }

    private static ResultActions refusedWith(ResultActions response, int status, String code) throws Exception {
        return response.andExpect(status().is(status)).andExpect(jsonPath("$.code").value(code));
    }

    private static Map<TaskStatus, Integer> countsWith(TaskStatus status) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus each : TaskStatus.values()) {
            counts.put(each, each == status ? 1 : 0);
        }
        return counts;
    }
}
