package io.taskledger.command.domain;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.AddTaskCommand;
import io.taskledger.api.command.ArchiveProjectCommand;
import io.taskledger.api.command.CommandAccepted;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.RemoveMemberCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.MemberAdded;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.event.MemberRoleChanged;
import io.taskledger.api.event.ProjectArchived;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/** Project membership and who may do what in a project (design brief, "People and agents"). */
class MembershipTest extends ProjectFixtureSupport {

    private static final Caller OWNER = new Caller("olga", GlobalRole.MANAGER);
    private static final Caller MANAGER = new Caller("max", GlobalRole.MANAGER);
    private static final Caller WORKER = new Caller(AGENT, GlobalRole.AGENT);
    private static final Caller STRANGER = new Caller("sam", GlobalRole.MANAGER);
    private static final Caller ADMIN = new Caller("admin", GlobalRole.ADMIN);
    private static final Caller AUDITOR_MEMBER = new Caller("audrey", GlobalRole.AUDITOR);

    private static List<Object> plannedWithMembers(Object... more) {
        return concat(concat(standardPlan(),
                new MemberAdded(PROJECT, OWNER.username(), ProjectRole.OWNER),
                new MemberAdded(PROJECT, MANAGER.username(), ProjectRole.MANAGER),
                new MemberAdded(PROJECT, WORKER.username(), ProjectRole.AGENT),
                new MemberAdded(PROJECT, AUDITOR_MEMBER.username(), ProjectRole.VIEWER)), more);
    }

    @Test
    void the_creator_of_a_project_becomes_its_owner() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "TLG", "Taskledger", null), OWNER.toMetadata())
                .expectEvents(new ProjectCreated(PROJECT, "TLG", "Taskledger", null),
                        new MemberAdded(PROJECT, OWNER.username(), ProjectRole.OWNER));
    }

    @Test
    void only_admins_and_managers_create_projects() {
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "TLG", "Taskledger", null), WORKER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "only ADMIN and MANAGER accounts create projects"));
    }

    @Test
    void a_non_member_is_told_the_project_does_not_exist() {
        fixture.given(plannedWithMembers())
                .when(new AddTaskCommand(PROJECT, phase(TaskKey.of("P09"))), STRANGER.toMetadata())
                .expectException(refused(ErrorCode.PROJECT_NOT_FOUND, "does not exist"));
    }

    @Test
    void a_non_member_probing_an_archived_project_still_learns_nothing() {
        fixture.given(plannedWithMembers(new ProjectArchived(PROJECT)))
                .when(new ArchiveProjectCommand(PROJECT), STRANGER.toMetadata())
                .expectException(refused(ErrorCode.PROJECT_NOT_FOUND, "does not exist"));
    }

    @Test
    void an_admin_reads_every_project_but_changes_only_those_it_belongs_to() {
        fixture.given(plannedWithMembers())
                .when(new ArchiveProjectCommand(PROJECT), ADMIN.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "not a member"));
    }

    @Test
    void a_read_only_global_role_changes_nothing_even_as_a_member() {
        fixture.given(plannedWithMembers())
                .when(new ArchiveProjectCommand(PROJECT), AUDITOR_MEMBER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "changes nothing"));
    }

    @Test
    void planning_needs_an_owner_or_a_manager() {
        fixture.given(plannedWithMembers())
                .when(new AddTaskCommand(PROJECT, phase(TaskKey.of("P09"))), WORKER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "needs the project role OWNER or MANAGER"));
        fixture.given(plannedWithMembers())
                .when(new AddTaskCommand(PROJECT, phase(TaskKey.of("P09"))), MANAGER.toMetadata())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_agent_member_starts_its_own_attempts() {
        fixture.given(plannedWithMembers())
                .when(new StartTaskCommand(PROJECT, S01, AGENT), WORKER.toMetadata())
                .expectEvents(new TaskStarted(PROJECT, S01, 1, AGENT, NOW, NOW.plus(Duration.ofMinutes(60))),
                        new ContainerStarted(PROJECT, P04_T01), new ContainerStarted(PROJECT, P04));
    }

    @Test
    void nobody_starts_an_attempt_for_someone_else() {
        fixture.given(plannedWithMembers())
                .when(new StartTaskCommand(PROJECT, S01, OTHER_AGENT), WORKER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "an agent starts its own attempts"));
    }

    @Test
    void planners_do_not_work_tasks() {
        fixture.given(plannedWithMembers())
                .when(new StartTaskCommand(PROJECT, S01, OWNER.username()), OWNER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "needs the project role CONTRIBUTOR or AGENT"));
    }

    @Test
    void a_report_names_no_one_but_the_caller() {
        fixture.given(plannedWithMembers(new TaskStarted(PROJECT, S01, 1, AGENT, NOW, NOW.plusSeconds(3600))))
                .when(new ReportAttemptCommand(PROJECT, S01, 1, OTHER_AGENT,
                        List.of(new CriterionResult("P04-T01-S01-01/1", true, null))), WORKER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "cannot report for"));
    }

    @Test
    void a_manager_adds_members_and_changes_their_roles() {
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, "carla", ProjectRole.CONTRIBUTOR), MANAGER.toMetadata())
                .expectEvents(new MemberAdded(PROJECT, "carla", ProjectRole.CONTRIBUTOR))
                .expectResultMessagePayload(new CommandAccepted(STANDARD_PLAN_VERSION + 5));
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, AGENT, ProjectRole.CONTRIBUTOR), MANAGER.toMetadata())
                .expectEvents(new MemberRoleChanged(PROJECT, AGENT, ProjectRole.CONTRIBUTOR, ProjectRole.AGENT));
    }

    @Test
    void only_enabled_accounts_become_members() {
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, UNKNOWN_ACCOUNT + "-1", ProjectRole.VIEWER), MANAGER.toMetadata())
                .expectException(refused(ErrorCode.ACCOUNT_NOT_FOUND, "no enabled account"));
    }

    @Test
    void adding_a_member_with_the_role_it_has_is_refused() {
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, AGENT, ProjectRole.AGENT), MANAGER.toMetadata())
                .expectException(refused(ErrorCode.ALREADY_MEMBER, "already a member"));
    }

    @Test
    void only_owners_grant_or_take_ownership() {
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, "max", ProjectRole.OWNER), MANAGER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "only an OWNER"));
        fixture.given(plannedWithMembers())
                .when(new RemoveMemberCommand(PROJECT, OWNER.username()), MANAGER.toMetadata())
                .expectException(refused(ErrorCode.FORBIDDEN, "only an OWNER"));
    }

    @Test
    void a_project_keeps_its_last_owner() {
        fixture.given(plannedWithMembers())
                .when(new RemoveMemberCommand(PROJECT, OWNER.username()), OWNER.toMetadata())
                .expectException(refused(ErrorCode.LAST_OWNER, "last OWNER"));
        fixture.given(plannedWithMembers())
                .when(new AddMemberCommand(PROJECT, OWNER.username(), ProjectRole.MANAGER), OWNER.toMetadata())
                .expectException(refused(ErrorCode.LAST_OWNER, "last OWNER"));
    }

    @Test
    void removing_a_member_ends_its_access() {
        fixture.given(plannedWithMembers(new MemberRemoved(PROJECT, AGENT, ProjectRole.AGENT)))
                .when(new StartTaskCommand(PROJECT, S01, AGENT), WORKER.toMetadata())
                .expectException(refused(ErrorCode.PROJECT_NOT_FOUND, "does not exist"));
        fixture.given(plannedWithMembers())
                .when(new RemoveMemberCommand(PROJECT, "nobody"), OWNER.toMetadata())
                .expectException(refused(ErrorCode.NOT_A_MEMBER, "not a member"));
    }
}
