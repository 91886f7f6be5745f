package io.taskledger.command.domain;

import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.TaskAssigned;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Creation with unique project keys, rule 8 (archived) and the version precondition. */
class ProjectGuardsTest extends ProjectFixtureSupport {

    @Test
    void a_project_is_created_at_version_0() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "TLG", "Taskledger", "The workflow server"))
                .expectEvents(projectCreated())
                .expectResultMessagePayload(PROJECT);
    }

    @Test
    void a_project_key_used_by_another_project_is_refused_whatever_its_case() {
        takenProjectKeys.add("tlg");
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "TLG", "Taskledger", null))
                .expectException(refused(ErrorCode.DUPLICATE_PROJECT_KEY, "project key TLG is already used"))
                .expectNoEvents();
    }

    @Test
    void a_malformed_project_key_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "no spaces/please", "Taskledger", null))
                .expectException(refused(ErrorCode.INVALID_INPUT, "project key 'no spaces/please' must be"));
    }

    @Test
    void a_command_to_a_project_that_does_not_exist_is_refused_as_not_found() {
        // Axon's AggregateNotFoundException; the HTTP layer answers it 404 PROJECT_NOT_FOUND.
        fixture.givenNoPriorActivity()
                .when(new AssignTaskCommand(PROJECT, S02, AGENT))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void a_command_at_the_expected_version_is_accepted() {
        fixture.given(standardPlan())
                .when(new AssignTaskCommand(PROJECT, S02, AGENT),
                        Map.of(ProjectCommand.EXPECTED_VERSION, STANDARD_PLAN_VERSION))
                .expectEvents(new TaskAssigned(PROJECT, S02, AGENT, null))
                .expectResultMessagePayload(new CommandAccepted(STANDARD_PLAN_VERSION + 1));
    }

    @Test
    void an_expected_version_may_come_as_text() {
        fixture.given(standardPlan())
                .when(new AssignTaskCommand(PROJECT, S02, AGENT),
                        Map.of(ProjectCommand.EXPECTED_VERSION, String.valueOf(STANDARD_PLAN_VERSION)))
                .expectEvents(new TaskAssigned(PROJECT, S02, AGENT, null));
    }

    @Test
    void a_command_expecting_another_version_is_refused() {
        fixture.given(standardPlan())
                .when(new AssignTaskCommand(PROJECT, S02, AGENT), Map.of(ProjectCommand.EXPECTED_VERSION, 9L))
                .expectException(refused(ErrorCode.VERSION_MISMATCH, "is at version 10, not at the expected version 9"))
                .expectNoEvents();
    }

    @Test
    void archiving_freezes_the_project() {
        fixture.given(standardPlan())
                .when(new ArchiveProjectCommand(PROJECT))
                .expectEvents(new ProjectArchived(PROJECT))
                .expectResultMessagePayload(new CommandAccepted(11));
    }

    @Test
    void an_archived_project_accepts_no_more_commands() {
        fixture.given(concat(standardPlan(), new ProjectArchived(PROJECT)))
                .when(new AssignTaskCommand(PROJECT, S02, AGENT))
                .expectException(refused(ErrorCode.PROJECT_ARCHIVED, "project TLG is archived"))
                .expectNoEvents();
    }

    @Test
    void an_archived_project_is_not_archived_twice() {
        fixture.given(concat(standardPlan(), new ProjectArchived(PROJECT)))
                .when(new ArchiveProjectCommand(PROJECT))
                .expectException(refused(ErrorCode.PROJECT_ARCHIVED));
    }
}
