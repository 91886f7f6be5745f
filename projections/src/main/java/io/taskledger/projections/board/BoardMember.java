package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;

import java.util.UUID;

/** A member of a project and its role there: what the read side checks before it shows a project. */
public class BoardMember {

    private UUID projectId;

    private String username;

    private ProjectRole role;

    BoardMember(UUID projectId, String username, ProjectRole role) {
        this.projectId = projectId;
        this.username = username;
        this.role = role;
    }

    void changeRole(ProjectRole newRole) {
        role = newRole;
    }

    Key key() {
        return new Key(projectId, username);
    }

    public String getUsername() {
        return username;
    }

    public ProjectRole getRole() {
        return role;
    }

    /** A member's key: the project and the username. */
    public record Key(UUID projectId, String username) {
    }
}
