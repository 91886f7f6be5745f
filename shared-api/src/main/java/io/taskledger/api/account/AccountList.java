package io.taskledger.api.account;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record AccountList(List<AccountView> accounts) {
}
