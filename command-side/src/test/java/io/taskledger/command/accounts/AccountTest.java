package io.taskledger.command.accounts;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountPasswordChanged;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.api.account.ChangeAccountRoleCommand;
import io.taskledger.api.account.ChangeDisplayNameCommand;
import io.taskledger.api.account.DisableAccountCommand;
import io.taskledger.api.account.RecordPasswordChangeCommand;
import io.taskledger.api.account.RegisterAccountCommand;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account aggregate's rules: given events, when a command, then events or a refusal with its code. */
class AccountTest {

    private static final AccountRegistered ALICE = new AccountRegistered("alice", "Alice", AccountKind.HUMAN,
            GlobalRole.VIEWER);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void a_person_registers_with_a_username_a_display_name_and_a_role() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("alice", "  Alice  ", AccountKind.HUMAN, GlobalRole.VIEWER))
                .expectEvents(ALICE);
    }

    @Test
    void an_agent_registers_under_its_handle() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("@coding-agent", "Coding agent", AccountKind.AGENT,
                        GlobalRole.AGENT))
                .expectEvents(new AccountRegistered("@coding-agent", "Coding agent", AccountKind.AGENT,
                        GlobalRole.AGENT));
    }

    @Test
    void a_username_must_fit_its_kind() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("coding-agent", "x", AccountKind.AGENT, GlobalRole.AGENT))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT, "'@' then"));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("@alice", "x", AccountKind.HUMAN, GlobalRole.VIEWER))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT, "starting with a letter"));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("Alice", "x", AccountKind.HUMAN, GlobalRole.VIEWER))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT, "a-z"));
    }

    @Test
    void registering_needs_a_display_name_a_kind_and_a_role() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("alice", " ", AccountKind.HUMAN, GlobalRole.VIEWER))
                .expectException(refused(ErrorCode.INVALID_INPUT, "displayName is required"));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("alice", "Alice", null, GlobalRole.VIEWER))
                .expectException(refused(ErrorCode.INVALID_INPUT, "kind is required"));
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand("alice", "Alice", AccountKind.HUMAN, null))
                .expectException(refused(ErrorCode.INVALID_INPUT, "role is required"));
    }

    @Test
    void a_role_change_records_the_revoked_and_the_granted_role() {
        fixture.given(ALICE)
                .when(new ChangeAccountRoleCommand("alice", GlobalRole.MANAGER))
                .expectEvents(new AccountRoleChanged("alice", GlobalRole.VIEWER, GlobalRole.MANAGER));
    }

    @Test
    void granting_the_role_an_account_has_is_refused_not_ignored() {
        fixture.given(ALICE)
                .when(new ChangeAccountRoleCommand("alice", GlobalRole.VIEWER))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_UNCHANGED, "already has the role"));
    }

    @Test
    void the_display_name_changes_but_not_to_itself() {
        fixture.given(ALICE)
                .when(new ChangeDisplayNameCommand("alice", "Alice Liddell"))
                .expectEvents(new AccountDisplayNameChanged("alice", "Alice Liddell"));
        fixture.given(ALICE)
                .when(new ChangeDisplayNameCommand("alice", "Alice"))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_UNCHANGED, "already shown as"));
    }

    @Test
    void a_password_change_is_recorded_without_any_secret() {
        fixture.given(ALICE)
                .when(new RecordPasswordChangeCommand("alice"))
                .expectEvents(new AccountPasswordChanged("alice"));
    }

    @Test
    void disabling_keeps_the_history_and_is_final() {
        fixture.given(ALICE)
                .when(new DisableAccountCommand("alice"))
                .expectEvents(new AccountDisabled("alice"));
        fixture.given(ALICE, new AccountDisabled("alice"))
                .when(new DisableAccountCommand("alice"))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_DISABLED, "is disabled"));
    }

    @Test
    void a_disabled_account_changes_no_more() {
        fixture.given(ALICE, new AccountDisabled("alice"))
                .when(new ChangeAccountRoleCommand("alice", GlobalRole.ADMIN))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_DISABLED, "is disabled"));
        fixture.given(ALICE, new AccountDisabled("alice"))
                .when(new RecordPasswordChangeCommand("alice"))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_DISABLED, "is disabled"));
        fixture.given(ALICE, new AccountDisabled("alice"))
                .when(new ChangeDisplayNameCommand("alice", "Someone else"))
                .expectNoEvents().expectException(refused(ErrorCode.ACCOUNT_DISABLED, "is disabled"));
    }

    private static Matcher<TaskledgerException> refused(ErrorCode code, String text) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(TaskledgerException refusal) {
                return refusal.code() == code && refusal.getMessage().contains(text);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code + " mentioning '" + text + "'");
            }
        };
    }
}
