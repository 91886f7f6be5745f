package io.taskledger.projections.board;

import io.taskledger.api.access.ProjectRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A member of a project and its role there: what the read side checks before it shows a project. */
@Entity
@Table(name = "board_member")
@IdClass(BoardMember.Key.class)
public class BoardMember {

    @Id
    @Column(name = "project_id")
    private UUID projectId;

    @Id
    private String username;

    @Enumerated(EnumType.STRING)
    private ProjectRole role;

    protected BoardMember() {
    }

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
    public record Key(UUID projectId, String username) implements Serializable {
    }
}
