package io.taskledger.api.query;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record EscalationList(List<EscalationView> escalations, PageEnd page) {

    /** A list answered whole. */
    public EscalationList(List<EscalationView> escalations) {
        this(escalations, PageEnd.WHOLE);
    }
}
