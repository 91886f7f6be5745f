package io.taskledger.api.access;

/** An account's role across Taskledger; what it may do within a project also depends on its membership there. */
public enum GlobalRole {
    /** Manages accounts; reads every project. */
    ADMIN,
    /** Creates projects and plans them. */
    MANAGER,
    /** Works tasks of the projects it is a member of. */
    AGENT,
    /** Reads every project and its history; changes nothing. */
    AUDITOR,
    /** Reads the projects it is a member of; changes nothing. */
    VIEWER;

    /** Reads every project, member or not. */
    public boolean readsEverything() {
        return this == ADMIN || this == AUDITOR;
    }

    /** Never changes anything. */
    public boolean isReadOnly() {
        return this == AUDITOR || this == VIEWER;
    }
}
