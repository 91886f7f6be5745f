package io.taskledger.infra.security;

import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountPasswordChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A changed password or a disabled account ends every session of the account, in the transaction of the command
 * itself (a subscribing processor): its refresh tokens and, through their family, its access tokens stop working.
 */
@Component
@ProcessingGroup(SessionRevocations.PROCESSING_GROUP)
class SessionRevocations {

    static final String PROCESSING_GROUP = "account-sessions";

    private final RefreshTokens refreshTokens;

    SessionRevocations(RefreshTokens refreshTokens) {
        this.refreshTokens = refreshTokens;
    }

    @EventHandler
    void on(AccountPasswordChanged event) {
        refreshTokens.revokeAllOf(event.username());
    }

    @EventHandler
    void on(AccountDisabled event) {
        refreshTokens.revokeAllOf(event.username());
    }
}
