package io.taskledger.command.accounts;

import io.taskledger.api.access.GlobalRole;

/** A row of the credentials table: what authentication needs to know of an account. */
public record StoredCredential(String username, String passwordHash, GlobalRole role, boolean enabled) {

    /** The hash never reaches a log line, even through a debug print of this record. */
    @Override
    public String toString() {
        return "StoredCredential[username=" + username + ", role=" + role + ", enabled=" + enabled + "]";
    }
}
