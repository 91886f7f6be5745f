package io.taskledger.command.domain;

import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan import is all or nothing, and a refused one lists every violation. */
class PlanImportTest extends ProjectFixtureSupport {

    private static final TaskKey P06 = TaskKey.of("P06");
    private static final TaskKey P06_T01 = TaskKey.of("P06-T01");
    private static final TaskKey P06_T02 = TaskKey.of("P06-T02");
    private static final TaskKey P06_T02_S01 = TaskKey.of("P06-T02-S01");

    @Test
    void an_imported_plan_continues_the_positions_and_may_point_forward() {
        TaskDefinition phase = phase(P06);
        TaskDefinition waitsForLaterTask = task(P06_T01, P06, P06_T02);
        TaskDefinition later = task(P06_T02, P06);
        TaskDefinition subtask = subtask(P06_T02_S01, P06_T02);
        fixture.given(standardPlan())
                .when(new ImportPlanCommand(PROJECT, List.of(phase, waitsForLaterTask, later, subtask)))
                .expectEvents(new TaskAdded(PROJECT, phase, 8), new TaskAdded(PROJECT, waitsForLaterTask, 9),
                        new TaskAdded(PROJECT, later, 10), new TaskAdded(PROJECT, subtask, 11),
                        ready(P06), ready(P06_T02), ready(P06_T02_S01))
                .expectResultMessagePayload(new CommandAccepted(17));
    }

    @Test
    void a_plan_breaking_rules_is_refused_with_every_violation_and_nothing_is_added() {
        TaskDefinition untitled = new TaskDefinition(P06, TaskLevel.PHASE, null, " ", null, null, null, -1, null,
                null, 0, List.of(), List.of());
        fixture.given(standardPlan())
                .when(new ImportPlanCommand(PROJECT, List.of(
                        untitled,
                        task(P04_T01, P04),
                        subtask(TaskKey.of("P04-S09"), P04),
                        task(P06_T01, P04, TaskKey.of("P99"), S01, P04),
                        task(P06_T02, P04, P06_T02_S01),
                        subtask(P06_T02_S01, P06_T02, P06_T02))))
                .expectException(refused(ErrorCode.INVALID_PLAN, "plan refused: 9 violations"))
                .expectNoEvents();
    }

    @Test
    void the_violations_of_a_refused_plan_name_each_broken_rule() {
        TaskledgerException refusal = refusalOf(List.of(
                task(P04_T01, P04),
                task(TaskKey.of("P04-T02"), P04, TaskKey.of("P99")),
                task(TaskKey.of("P04-T03"), P04, TaskKey.of("P04-T04")),
                task(TaskKey.of("P04-T04"), P04, TaskKey.of("P04-T03"))));
        assertThat(refusal.violations()).containsExactly(
                "task key P04-T01 is already used in this project",
                "P04-T02 cannot require P99: there is no task P99 in this project",
                "prerequisites would form a cycle: P04-T03 waits for P04-T04 waits for P04-T03");
    }

    @Test
    void a_child_must_come_after_its_parent_in_the_plan() {
        TaskledgerException refusal = refusalOf(List.of(task(P06_T01, P06), phase(P06)));
        assertThat(refusal.violations())
                .containsExactly("parent P06 of P06-T01 does not exist before it in the plan");
    }

    @Test
    void an_empty_plan_is_refused() {
        fixture.given(standardPlan())
                .when(new ImportPlanCommand(PROJECT, List.of()))
                .expectException(refused(ErrorCode.INVALID_INPUT, "a plan needs at least one task"));
    }

    /** Imports into the standard plan, expecting a refusal with nothing applied, and returns the refusal. */
    private TaskledgerException refusalOf(List<TaskDefinition> tasks) {
        TaskledgerException[] caught = new TaskledgerException[1];
        fixture.given(standardPlan())
                .when(new ImportPlanCommand(PROJECT, tasks))
                .expectException(Matchers.<Throwable>both(refused(ErrorCode.INVALID_PLAN))
                        .and(new CustomTypeSafeMatcher<Throwable>("a plan refusal") {
                            @Override
                            protected boolean matchesSafely(Throwable thrown) {
                                caught[0] = (TaskledgerException) thrown;
                                return true;
                            }
                        }))
                .expectNoEvents();
        return caught[0];
    }
}
