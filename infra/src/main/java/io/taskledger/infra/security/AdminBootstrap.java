package io.taskledger.infra.security;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.command.accounts.AccountService;
import io.taskledger.command.accounts.AccountService.NewAccount;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.infra.startup.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start (no account at all), opens the {@value #USERNAME} account with the ADMIN role. Its password is
 * {@code taskledger.security.admin-password} ({@code TASKLEDGER_ADMIN_PASSWORD}) or, when that is unset, a random
 * one printed once to the log. There is no default password. Later starts do nothing, whatever the setting says. A
 * password the policy refuses stops the start, before the server takes any request. It runs before a seed
 * ({@code taskledger.seed}), which gives the admin its projects.
 */
@Component
@Order(AdminBootstrap.ORDER)
public class AdminBootstrap implements StartupTask {

    public static final String USERNAME = "admin";
    public static final int ORDER = 1;
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final CredentialStore credentials;
    private final AccountService accounts;
    private final String configuredPassword;

    AdminBootstrap(CredentialStore credentials, AccountService accounts, SecurityProperties properties) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.configuredPassword = properties.getAdminPassword();
    }

    @Override
    public boolean sendsCommands() {
        return true;
    }

    @Override
    public String description() {
        return "open the '" + USERNAME + "' account";
    }

    @Override
    public void run() {
        if (!credentials.isEmpty()) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? GeneratedPasswords.generate(USERNAME) : configuredPassword;
        try {
            accounts.register(new NewAccount(USERNAME, password, "Administrator", AccountKind.HUMAN,
                    GlobalRole.ADMIN));
        } catch (DataIntegrityViolationException anotherNodeWasFirst) {
            return;
        } catch (TaskledgerException refused) {
            if (refused.code() == ErrorCode.DUPLICATE_USERNAME) {
                return;
            }
            throw new IllegalStateException(refused.getMessage()
                    + " (taskledger.security.admin-password / TASKLEDGER_ADMIN_PASSWORD)");
        }
        if (generated) {
            log.warn("""
                    Opened the '{}' account (role ADMIN) with this generated password, shown only this once: {}
                    Log in with it and change it (POST /api/auth/password), or set TASKLEDGER_ADMIN_PASSWORD \
                    before the first start.""", USERNAME, password);
        } else {
            log.info("Opened the '{}' account (role ADMIN) with the password of TASKLEDGER_ADMIN_PASSWORD", USERNAME);
        }
    }

}
