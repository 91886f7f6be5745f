package io.taskledger.command.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.AttemptReported;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The command endpoints over a stub gateway: how requests become commands and answers. Refusals propagate out of
 * the controllers; turning them into problem details is the application's one exception handler.
 */
class CommandApiTest {

    private static final String PROJECT = "2b7c1f0e-8f3a-4d56-9a7e-1c2d3e4f5a6b";
    private static final String TASKS = "/api/projects/" + PROJECT + "/tasks/";

    private final CommandGateway gateway = mock(CommandGateway.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        CommandSender sender = new CommandSender(gateway);
        mvc = MockMvcBuilders.standaloneSetup(new ProjectCommandController(sender), new TaskCommandController(sender))
                .setCustomArgumentResolvers(new CallerIs(new Caller("@coding-agent", GlobalRole.AGENT)))
                .build();
    }

    @Test
    void creating_a_project_answers_201_with_its_location_id_and_version_1() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenAnswer(call -> createdProjectId(call.getArgument(0)));

        var result = mvc.perform(json(post("/api/projects"), """
                        {"key":"TLG","name":"Taskledger","description":"The workflow server"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.key").value("TLG"))
                .andExpect(jsonPath("$.version").value(1))
                .andReturn();

        CreateProjectCommand command = (CreateProjectCommand) sent().getPayload();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/projects/" + command.projectId());
        assertThat(result.getResponse().getContentAsString()).contains("\"id\":\"" + command.projectId() + "\"");
        assertThat(command.name()).isEqualTo("Taskledger");
    }

    @Test
    void a_nested_plan_is_flattened_in_plan_order_with_defaults_and_levels_from_where_each_item_sits()
            throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new CommandAccepted(14));

        mvc.perform(json(post("/api/projects/" + PROJECT + "/plan"), """
                        {"phases":[{"key":"P04","title":"Backend","tasks":[
                          {"key":"P04-T01","title":"Environment setup","subtasks":[
                            {"key":"P04-T01-S01","title":"Initialize","assignee":"@coding-agent","priority":"HIGH",
                             "maxRetries":1,"onFailure":"FAIL","timeoutMinutes":15,
                             "steps":[{"key":"P04-T01-S01-01","description":"npm install",
                                       "successCriteria":[{"type":"EXIT_CODE","expected":"0"}]}]},
                            {"key":"P04-T01-S02","title":"Configure","prerequisites":["P04-T01-S01"]}]}]}]}"""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"14\""))
                .andExpect(jsonPath("$.version").value(14))
                .andExpect(jsonPath("$.tasksAdded").value(4));

        List<TaskDefinition> tasks = ((ImportPlanCommand) sent().getPayload()).tasks();
        assertThat(tasks).extracting(TaskDefinition::key).extracting(TaskKey::value)
                .containsExactly("P04", "P04-T01", "P04-T01-S01", "P04-T01-S02");
        assertThat(tasks).extracting(TaskDefinition::level)
                .containsExactly(TaskLevel.PHASE, TaskLevel.TASK, TaskLevel.SUBTASK, TaskLevel.SUBTASK);
        assertThat(tasks.get(2).parent()).isEqualTo(TaskKey.of("P04-T01"));
        assertThat(tasks.get(2)).extracting(TaskDefinition::priority, TaskDefinition::maxRetries,
                TaskDefinition::onFailure, TaskDefinition::timeoutMinutes)
                .containsExactly(Priority.HIGH, 1, FailurePolicy.FAIL, 15);
        assertThat(tasks.get(2).steps().get(0).successCriteria().get(0).type()).isEqualTo(CriterionType.EXIT_CODE);
        assertThat(tasks.get(3)).extracting(TaskDefinition::priority, TaskDefinition::maxRetries,
                TaskDefinition::onFailure, TaskDefinition::timeoutMinutes, TaskDefinition::prerequisites)
                .containsExactly(Priority.MEDIUM, 3, FailurePolicy.ESCALATE_TO_HUMAN, 60,
                        List.of(TaskKey.of("P04-T01-S01")));
    }

    @Test
    void a_plan_field_that_is_missing_is_named_by_its_path() {
        assertRefused(json(post("/api/projects/" + PROJECT + "/plan"), """
                        {"phases":[{"key":"P04","title":"Backend","tasks":[
                          {"key":"P04-T01","title":"One"},{"key":"P04-T02"}]}]}"""),
                ErrorCode.INVALID_INPUT, "phases[0].tasks[1].title is required");
    }

    @Test
    void unknown_enum_text_and_negative_numbers_are_refused_with_their_path() {
        assertRefused(json(post("/api/projects/" + PROJECT + "/plan"), """
                        {"phases":[{"key":"P04","title":"Backend","priority":"URGENT"}]}"""),
                ErrorCode.INVALID_INPUT, "phases[0].priority 'URGENT' is not one of CRITICAL, HIGH, MEDIUM, LOW");
        assertRefused(json(post("/api/projects/" + PROJECT + "/tasks"), """
                        {"key":"P04","level":"PHASE","title":"Backend","maxRetries":-1}"""),
                ErrorCode.INVALID_INPUT, "maxRetries must not be negative");
    }

    @Test
    void a_malformed_key_is_refused() {
        assertRefused(json(post("/api/projects/" + PROJECT + "/tasks"), """
                        {"key":"P04/T01","level":"TASK","parent":"P04","title":"Setup"}"""),
                ErrorCode.INVALID_INPUT, "key 'P04/T01' is not a valid key");
    }

    @Test
    void adding_a_task_answers_201_at_the_task() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new CommandAccepted(12));

        mvc.perform(json(post("/api/projects/" + PROJECT + "/tasks"), """
                        {"key":"P04-T02","level":"task","parent":"P04","title":"Deploy"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", TASKS + "P04-T02"))
                .andExpect(header().string("ETag", "\"12\""))
                .andExpect(jsonPath("$.key").value("P04-T02"))
                .andExpect(jsonPath("$.version").value(12));
    }

    @Test
    void starting_a_task_answers_the_attempt_and_its_lease() throws Exception {
        Instant lease = Instant.parse("2026-01-05T10:00:00Z");
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new AttemptOpened(2, lease, 21));

        mvc.perform(json(post(TASKS + "P04-T01-S01/start"), """
                        {"agent":"@coding-agent"}"""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"21\""))
                .andExpect(jsonPath("$.attempt").value(2))
                .andExpect(jsonPath("$.leaseExpiresAt").value("2026-01-05T10:00:00Z"))
                .andExpect(jsonPath("$.version").value(21));

        assertThat(sent().getPayload()).isEqualTo(new StartTaskCommand(ProjectId.of(PROJECT),
                TaskKey.of("P04-T01-S01"), "@coding-agent"));
    }

    @Test
    void the_caller_is_the_agent_that_starts_when_the_body_names_none() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenReturn(new AttemptOpened(1, Instant.parse("2026-01-05T10:00:00Z"), 3));

        mvc.perform(post(TASKS + "P04-T01-S01/start")).andExpect(status().isOk());

        assertThat(sent().getPayload()).isEqualTo(new StartTaskCommand(ProjectId.of(PROJECT),
                TaskKey.of("P04-T01-S01"), "@coding-agent"));
    }

    /** Whether the caller may act as that agent is the aggregate's decision, made once (MembershipTest). */
    @Test
    void the_agent_named_in_the_body_reaches_the_command_for_the_aggregate_to_decide() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenReturn(new AttemptOpened(1, Instant.parse("2026-01-05T10:00:00Z"), 3));

        mvc.perform(json(post(TASKS + "P04-T01-S01/start"), """
                        {"agent":"@other-agent"}""")).andExpect(status().isOk());

        assertThat(sent().getPayload()).isEqualTo(new StartTaskCommand(ProjectId.of(PROJECT),
                TaskKey.of("P04-T01-S01"), "@other-agent"));
    }

    @Test
    void a_report_carries_every_result_and_answers_the_tasks_status() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new AttemptReported(TaskStatus.SUCCEEDED, 22));

        mvc.perform(json(post(TASKS + "P04-T01-S01/report"), """
                        {"attempt":1,"results":[{"criterion":"P04-T01-S01-01/1","passed":true,
                                                 "evidence":"exit code 0"}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.taskKey").value("P04-T01-S01"))
                .andExpect(jsonPath("$.status").value("SUCCEEDED"))
                .andExpect(jsonPath("$.version").value(22));

        assertThat(sent().getPayload()).isEqualTo(new ReportAttemptCommand(ProjectId.of(PROJECT),
                TaskKey.of("P04-T01-S01"), 1, "@coding-agent",
                List.of(new CriterionResult("P04-T01-S01-01/1", true, "exit code 0"))));
    }

    @Test
    void a_report_result_without_a_verdict_is_refused() {
        assertRefused(json(post(TASKS + "P04-T01-S01/report"), """
                        {"attempt":1,"results":[{"criterion":"P04-T01-S01-01/1"}]}"""),
                ErrorCode.INVALID_INPUT, "results[0].passed is required");
    }

    @Test
    void if_match_becomes_the_expected_version_in_every_form() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new CommandAccepted(13));
        for (String ifMatch : List.of("\"12\"", "W/\"12\"", "12")) {
            mvc.perform(json(post(TASKS + "P04-T01-S01/cancel"), """
                            {"reason":"scope cut"}""").header("If-Match", ifMatch))
                    .andExpect(status().isOk())
                    .andExpect(header().string("ETag", "\"13\""));
        }
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(gateway, times(3)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).allSatisfy(message ->
                assertThat(message.getMetaData().get(ProjectCommand.EXPECTED_VERSION)).isEqualTo(12L));
    }

    @Test
    void if_match_star_sets_no_condition() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new CommandAccepted(13));

        mvc.perform(post("/api/projects/" + PROJECT + "/archive").header("If-Match", "*"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(13));

        assertThat(sent().getMetaData()).doesNotContainKey(ProjectCommand.EXPECTED_VERSION);
    }

    @Test
    void an_unparsable_if_match_is_refused_before_any_command_is_sent() {
        assertRefused(post("/api/projects/" + PROJECT + "/archive").header("If-Match", "\"abc\""),
                ErrorCode.INVALID_INPUT, "If-Match must be a project version such as");
        verify(gateway, never()).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void an_unknown_escalation_decision_is_refused() {
        assertRefused(json(post(TASKS + "P04-T01-S01/resolve"), """
                        {"decision":"IGNORE","justification":"no"}"""),
                ErrorCode.INVALID_INPUT, "decision 'IGNORE' is not one of RETRY, ACCEPT, CANCEL");
    }

    @Test
    void removing_a_prerequisite_names_it_in_the_path() throws Exception {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(new CommandAccepted(15));

        mvc.perform(delete(TASKS + "P04-T01-S02/prerequisites/P04-T01-S01"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"15\""));

        assertThat(sent().getPayload()).hasToString("RemovePrerequisiteCommand[projectId=" + PROJECT
                + ", taskKey=P04-T01-S02, prerequisite=P04-T01-S01]");
    }

    @Test
    void a_project_id_that_is_not_a_uuid_is_refused() {
        assertRefused(json(post("/api/projects/not-a-uuid/tasks/P04/assign"), """
                        {"assignee":"@coding-agent"}"""),
                ErrorCode.INVALID_INPUT, "projectId 'not-a-uuid' is not a project id");
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void assertRefused(MockHttpServletRequestBuilder request, ErrorCode code, String message) {
        assertThatThrownBy(() -> mvc.perform(request))
                .rootCause()
                .isInstanceOfSatisfying(TaskledgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(code);
                    assertThat(refusal.getMessage()).contains(message);
                });
    }

    private CommandMessage<?> sent() {
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(gateway).sendAndWait(sent.capture());
        return sent.getValue();
    }

    /** What Axon answers to a creation command: the new aggregate's identifier. */
    private static Object createdProjectId(CommandMessage<?> message) {
        return ((CreateProjectCommand) message.getPayload()).projectId();
    }

    /** Stands in for the application's resolver of the authenticated caller. */
    private record CallerIs(Caller caller) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return caller;
        }
    }
}
