package io.taskledger.api.input;

import io.taskledger.api.account.RegisterAccountCommand;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class InputLimitsTest {

    private static final ProjectId PROJECT = ProjectId.random();

    @Test
    void ordinary_text_passes_with_tabs_line_breaks_accents_emoji_and_right_to_left_marks() {
        assertThat(InputLimits.violations(new CreateProjectCommand(PROJECT, "WEB", "Caf\u00e9 \u200f\u05e9\u05dc\u05d5\u05dd \uD83D\uDE80",
                "line one\n\tline two\r\n"))).isEmpty();
    }

    @Test
    void every_offending_field_is_named_with_its_problem() {
        List<String> violations = InputLimits.violations(new CreateProjectCommand(PROJECT, "K\u0000",
                "x".repeat(201), "bell \u0007 and DEL \u007f"));

        assertThat(violations).containsExactly(
                "key: contains the control character U+0000 at position 1",
                "name: is 201 characters long, longer than the 200 allowed",
                "description: contains the control character U+0007 at position 5");
    }

    @Test
    void c1_controls_and_unpaired_surrogates_are_refused_while_a_pair_passes() {
        assertThat(InputLimits.textProblem("name", "a\u0085b")).contains("U+0085");
        assertThat(InputLimits.textProblem("name", "a\uD800b")).contains("unpaired surrogate U+D800");
        assertThat(InputLimits.textProblem("name", "a\uDC00")).contains("unpaired surrogate U+DC00");
        assertThat(InputLimits.textProblem("name", "ab\uD800")).contains("position 2");
        assertThat(InputLimits.textProblem("name", "\uD83D\uDE80")).isNull();
    }

    @Test
    void nested_fields_are_named_by_their_path_and_tasks_of_a_plan_by_their_key() {
        TaskDefinition task = task("P1", List.of(new Step("P1-01", "ok", List.of(
                new SuccessCriterion(CriterionType.EXIT_CODE, "0"),
                new SuccessCriterion(CriterionType.OUTPUT_CONTAINS, "nul\u0000")))));

        assertThat(InputLimits.violations(new ImportPlanCommand(PROJECT, List.of(task))))
                .containsExactly("tasks[P1].steps[0].successCriteria[1].expected: contains the control character "
                        + "U+0000 at position 3");
        assertThat(InputLimits.violations(new AddTaskCommand(PROJECT, task)))
                .as("an added task's fields are the body's own")
                .containsExactly("steps[0].successCriteria[1].expected: contains the control character U+0000 at "
                        + "position 3");
    }

    @Test
    void lists_and_numbers_have_bounds() {
        List<TaskDefinition> tooMany = IntStream.range(0, 1_001).mapToObj(i -> task("P" + i, List.of())).toList();
        assertThat(InputLimits.violations(new ImportPlanCommand(PROJECT, tooMany)))
                .containsExactly("tasks: has 1001 items, more than the 1000 allowed");

        List<CriterionResult> results = Collections.nCopies(2_501, new CriterionResult("S/1", true, "ok"));
        assertThat(InputLimits.violations(new ReportAttemptCommand(PROJECT, TaskKey.of("P1"), 0, null, results)))
                .containsExactly("attempt: 0 is outside 1 to 1000",
                        "results: has 2501 items, more than the 2500 allowed");
    }

    @Test
    void account_commands_are_checked_too() {
        assertThat(InputLimits.violations(new RegisterAccountCommand("ann", "Ann\u001b[31m", AccountKind.HUMAN,
                GlobalRole.VIEWER))).containsExactly("displayName: contains the control character U+001B at position 3");
    }

    private static TaskDefinition task(String key, List<Step> steps) {
        return new TaskDefinition(TaskKey.of(key), TaskLevel.PHASE, null, "Title", null, null, Priority.MEDIUM, 3,
                FailurePolicy.FAIL, null, 60, List.of(), steps);
    }
}
