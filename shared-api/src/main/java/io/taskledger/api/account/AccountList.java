package io.taskledger.api.account;

import io.taskledger.api.query.PageEnd;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record AccountList(List<AccountView> accounts, PageEnd page) {

    /** A list answered whole. */
    public AccountList(List<AccountView> accounts) {
        this(accounts, PageEnd.WHOLE);
    }
}
