package io.taskledger.command.domain;

/**
 * Which accounts exist, for the rules of one project that name accounts of Taskledger (accounts live in their own
 * aggregates, which a project cannot see).
 */
public interface AccountDirectory {

    /** Whether an account with this username exists and is enabled. */
    boolean isEnabledAccount(String username);
}
