package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.api.query.FindProjectQuery;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.query.ProjectSummary;
import io.taskledger.api.query.TaskList;
import io.taskledger.api.timetravel.FindProjectAsOfQuery;
import io.taskledger.api.timetravel.FindTasksAsOfQuery;
import io.taskledger.api.timetravel.PointInTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A read with asOf or asOfVersion goes to the past; without, to the live board, at the same paths. */
class TimeTravelQueryControllerTest {

    private static final Caller VIEWER = new Caller("vic", GlobalRole.VIEWER);

    private final ProjectId project = ProjectId.random();
    private final List<Object> asked = new ArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        BoardQueries queries = new StubAnswers()
                .answer(FindProjectQuery.class, ProjectAnswer.class,
                        query -> ProjectAnswer.of(ProjectVersion.of(9), summary(query, 9)))
                .answer(FindProjectAsOfQuery.class, ProjectAnswer.class,
                        query -> ProjectAnswer.of(ProjectVersion.of(9), summary(query, 4)))
                .answer(FindTasksQuery.class, ProjectAnswer.class,
                        query -> ProjectAnswer.of(ProjectVersion.of(9), new TaskList(List.of())))
                .answer(FindTasksAsOfQuery.class, ProjectAnswer.class, query -> {
                    asked.add(query);
                    return ProjectAnswer.of(ProjectVersion.of(9), new TaskList(List.of()));
                })
                .queries();
        mvc = MockMvcBuilders.standaloneSetup(new ProjectQueryController(queries,
                                new SerializedBoards(JsonMapper.builder().build(), 10)),
                        new TimeTravelQueryController(queries))
                .setControllerAdvice(new RefusalsAsStatus())
                .setCustomArgumentResolvers(new FixedCaller(VIEWER))
                .build();
    }

    private ProjectSummary summary(Object query, long version) {
        asked.add(query);
        return new ProjectSummary(project, "SHOP", "Shop", null, false, Instant.parse("2026-03-01T09:00:00Z"),
                version, 0, Map.of(), 0);
    }

    @Test
    void the_same_path_answers_live_without_and_from_the_past_with_a_point_in_time() throws Exception {
        mvc.perform(get("/api/projects/{id}", project)).andExpect(jsonPath("$.version").value(9));
        mvc.perform(get("/api/projects/{id}", project).param("asOf", "2026-03-01T12:00:00+02:00"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"9\""))
                .andExpect(jsonPath("$.version").value(4));

        assertThat(asked).last().isEqualTo(new FindProjectAsOfQuery(ProjectScope.of(project, VIEWER),
                new PointInTime(Instant.parse("2026-03-01T10:00:00Z"), null)));
    }

    @Test
    void filters_and_both_bounds_reach_the_query() throws Exception {
        mvc.perform(get("/api/projects/{id}/tasks", project).param("asOfVersion", "3").param("status", "ready"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/projects/{id}/tasks", project).param("asOfVersion", "3")
                        .param("asOf", "2026-03-01T10:00:00Z"))
                .andExpect(status().isOk());

        assertThat(asked).containsSubsequence(
                new FindTasksAsOfQuery(new FindTasksQuery(ProjectScope.of(project, VIEWER), TaskStatus.READY, null, null),
                        new PointInTime(null, 3L)),
                new FindTasksAsOfQuery(new FindTasksQuery(ProjectScope.of(project, VIEWER), null, null, null),
                        new PointInTime(Instant.parse("2026-03-01T10:00:00Z"), 3L)));
    }

    @Test
    void a_malformed_point_in_time_is_bad_input() throws Exception {
        mvc.perform(get("/api/projects/{id}", project).param("asOf", "2026-03-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_INPUT"));
        mvc.perform(get("/api/projects/{id}/tasks", project).param("asOfVersion", "-2"))
                .andExpect(status().isBadRequest());
    }
}
