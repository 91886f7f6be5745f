package io.taskledger.command.infrastructure;

import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.StoredCredential;
import io.taskledger.command.domain.AccountDirectory;
import org.springframework.stereotype.Component;

/**
 * Answers from the credentials table, which the account service writes in the same transaction as each account's
 * command: it is never behind the accounts' events, unlike a read model.
 */
@Component
class CredentialAccountDirectory implements AccountDirectory {

    private final CredentialStore credentials;

    CredentialAccountDirectory(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean isEnabledAccount(String username) {
        return credentials.find(username).map(StoredCredential::enabled).orElse(false);
    }
}
