package io.taskledger.projections.board;

import io.taskledger.api.query.EscalationView;

/** An escalation with the project and task it names, read in one query. */
record EscalationEntry(BoardEscalation escalation, BoardProject project, BoardTask task) {

    EscalationView toView() {
        return escalation.toView(project, task);
    }
}
