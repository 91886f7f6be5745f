package io.taskledger.api.query;

import io.taskledger.api.access.ProjectRole;

import java.util.List;

/** A project's members and their roles. */
public record MemberList(List<Member> members) {

    public record Member(String username, ProjectRole role) {
    }
}
