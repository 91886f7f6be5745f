package io.taskledger.infra.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.command.accounts.AccountService;
import io.taskledger.command.accounts.AccountService.NewAccount;
import io.taskledger.command.accounts.CredentialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The first start opens 'admin' with the configured password, or a generated one printed once; later, nothing. */
class AdminBootstrapTest {

    private final CredentialStore credentials = mock(CredentialStore.class);
    private final AccountService accounts = mock(AccountService.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    @Test
    void without_a_configured_password_a_generated_one_is_printed_once() {
        when(credentials.isEmpty()).thenReturn(true);

        bootstrap(null).run();

        NewAccount admin = registered();
        assertThat(admin.username()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo(GlobalRole.ADMIN);
        assertThat(admin.password()).hasSizeGreaterThanOrEqualTo(32).doesNotContainIgnoringCase("admin");
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines.stream().filter(line -> line.contains(admin.password()))).hasSize(1);
    }

    @Test
    void a_configured_password_is_used_and_never_logged() {
        when(credentials.isEmpty()).thenReturn(true);

        bootstrap("operator-chosen-passphrase").run();

        assertThat(registered().password()).isEqualTo("operator-chosen-passphrase");
        assertThat(log.list).allSatisfy(line ->
                assertThat(line.getFormattedMessage()).doesNotContain("operator-chosen-passphrase"));
    }

    @Test
    void once_any_account_exists_nothing_happens() {
        when(credentials.isEmpty()).thenReturn(false);

        bootstrap("operator-chosen-passphrase").run();

        verify(accounts, never()).register(any());
        assertThat(log.list).isEmpty();
    }

    @Test
    void two_generated_passwords_differ() {
        when(credentials.isEmpty()).thenReturn(true);
        bootstrap(null).run();
        bootstrap(null).run();

        ArgumentCaptor<NewAccount> captor = ArgumentCaptor.forClass(NewAccount.class);
        verify(accounts, org.mockito.Mockito.times(2)).register(captor.capture());
        assertThat(captor.getAllValues().get(0).password()).isNotEqualTo(captor.getAllValues().get(1).password());
    }

    private AdminBootstrap bootstrap(String configuredPassword) {
        SecurityProperties properties = new SecurityProperties();
        properties.setAdminPassword(configuredPassword);
        return new AdminBootstrap(credentials, accounts, properties);
    }

    private NewAccount registered() {
        ArgumentCaptor<NewAccount> captor = ArgumentCaptor.forClass(NewAccount.class);
        verify(accounts).register(captor.capture());
        return captor.getValue();
    }
}
