package io.taskledger.projections.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A board held in memory, e.g. one project's board rebuilt from its events up to a moment in the past. */
final class InMemoryBoardStore implements BoardStore {

    private final Map<UUID, BoardProject> projects = new LinkedHashMap<>();
    private final Map<BoardTask.Id, BoardTask> tasks = new LinkedHashMap<>();
    private final Map<BoardAttempt.Id, BoardAttempt> attempts = new LinkedHashMap<>();
    private final List<BoardEscalation> escalations = new ArrayList<>();
    private final Map<BoardMember.Key, BoardMember> members = new LinkedHashMap<>();

    @Override
    public Optional<BoardProject> project(UUID projectId) {
        return Optional.ofNullable(projects.get(projectId));
    }

    @Override
    public Optional<BoardTask> task(UUID projectId, String taskKey) {
        return Optional.ofNullable(tasks.get(new BoardTask.Id(projectId, taskKey)));
    }

    @Override
    public Optional<BoardAttempt> attempt(UUID projectId, String taskKey, int number) {
        return Optional.ofNullable(attempts.get(new BoardAttempt.Id(projectId, taskKey, number)));
    }

    @Override
    public Optional<BoardEscalation> openEscalation(UUID projectId, String taskKey) {
        return escalations.stream().filter(escalation -> escalation.isOpenFor(projectId, taskKey)).findFirst();
    }

    @Override
    public void add(BoardProject project) {
        projects.put(project.getProjectId(), project);
    }

    @Override
    public void add(BoardTask task) {
        tasks.put(new BoardTask.Id(task.getProjectId(), task.getKey().value()), task);
    }

    @Override
    public void add(BoardAttempt attempt) {
        attempts.put(attempt.id(), attempt);
    }

    @Override
    public void add(BoardEscalation escalation) {
        escalations.add(escalation);
    }

    @Override
    public Optional<BoardMember> member(UUID projectId, String username) {
        return Optional.ofNullable(members.get(new BoardMember.Key(projectId, username)));
    }

    @Override
    public void add(BoardMember member) {
        members.put(member.key(), member);
    }

    @Override
    public void remove(BoardMember member) {
        members.remove(member.key());
    }

    @Override
    public void clear() {
        members.clear();
        projects.clear();
        tasks.clear();
        attempts.clear();
        escalations.clear();
    }

    /** In plan order, as the live board's repository answers. */
    List<BoardTask> tasksOf(UUID projectId) {
        return tasks.values().stream()
                .filter(task -> task.getProjectId().equals(projectId))
                .sorted(Comparator.comparingInt(BoardTask::getPosition))
                .toList();
    }

    /** Every attempt of the project. */
    List<BoardAttempt> attemptsOf(UUID projectId) {
        return attempts.values().stream().filter(attempt -> attempt.id().projectId().equals(projectId)).toList();
    }

    /** The project's members. */
    List<BoardMember> membersOf(UUID projectId) {
        return members.values().stream().filter(member -> member.key().projectId().equals(projectId)).toList();
    }

    /** In the order they were opened. */
    List<BoardEscalation> escalationsOf(UUID projectId) {
        return escalations.stream().filter(escalation -> escalation.belongsTo(projectId)).toList();
    }

    /** By attempt number. */
    List<BoardAttempt> attemptsOf(UUID projectId, String taskKey) {
        return attempts.values().stream()
                .filter(attempt -> attempt.id().projectId().equals(projectId) && attempt.id().taskKey().equals(taskKey))
                .sorted(Comparator.comparingInt(attempt -> attempt.id().number()))
                .toList();
    }
}
