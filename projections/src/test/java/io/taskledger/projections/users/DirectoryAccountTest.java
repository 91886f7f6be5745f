package io.taskledger.projections.users;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountDisplayNameChanged;
import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.account.AccountPasswordChanged;
import io.taskledger.api.account.AccountRegistered;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.api.account.AccountView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each account event does to a directory row: the one fold the live projection and the rebuild share. */
class DirectoryAccountTest {

    private static final Instant REGISTERED_AT = Instant.parse("2025-03-01T10:15:30.123456Z");

    @Test
    void folding_an_accounts_stream_gives_the_row_of_its_last_shown_event() {
        DirectoryAccount account = DirectoryAccount.fold(stream(
                new AccountRegistered("ann", "Ann", AccountKind.HUMAN, GlobalRole.VIEWER),
                new AccountDisplayNameChanged("ann", "Ann B."),
                new AccountRoleChanged("ann", GlobalRole.VIEWER, GlobalRole.MANAGER),
                new AccountPasswordChanged("ann"),
                new AccountDisabled("ann"),
                new AccountPasswordChanged("ann"))).orElseThrow();

        assertThat(account.view()).isEqualTo(
                new AccountView("ann", "Ann B.", AccountKind.HUMAN, GlobalRole.MANAGER, false, REGISTERED_AT));
        assertThat(account.version()).as("password changes are not shown, so not counted").isEqualTo(4);
    }

    @Test
    void an_event_at_or_below_the_rows_version_changes_nothing() {
        DirectoryAccount account = DirectoryAccount.registered(
                new AccountRegistered("@bot", "Bot", AccountKind.AGENT, GlobalRole.AGENT), 0, REGISTERED_AT);
        assertThat(account.apply(new AccountDisplayNameChanged("@bot", "Bot 2"), 1)).isTrue();

        assertThat(account.apply(new AccountDisplayNameChanged("@bot", "Bot 2"), 1)).as("redelivered").isFalse();
        assertThat(account.apply(new AccountDisabled("@bot"), 0)).as("replayed").isFalse();

        assertThat(account.view().enabled()).isTrue();
        assertThat(account.version()).isEqualTo(1);
    }

    @Test
    void a_stream_without_a_registration_folds_to_no_row() {
        assertThat(DirectoryAccount.fold(stream())).isEmpty();
    }

    private static List<DirectoryAccount.Recorded> stream(AccountEvent... events) {
        List<DirectoryAccount.Recorded> recorded = new ArrayList<>();
        for (int sequence = 0; sequence < events.length; sequence++) {
            recorded.add(new DirectoryAccount.Recorded(events[sequence], sequence,
                    REGISTERED_AT.plusSeconds(sequence)));
        }
        return recorded;
    }
}
