package io.taskledger.projections.board;

import io.taskledger.api.query.EscalationView;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** The live board: rows in PostgreSQL, written in the event processor's transaction. */
@Component
class JpaBoardStore implements BoardStore {

    private final EntityManager entityManager;
    private final BoardProjectRepository projects;
    private final BoardTaskRepository tasks;
    private final BoardAttemptRepository attempts;
    private final BoardEscalationRepository escalations;
    private final BoardMemberRepository members;

    JpaBoardStore(EntityManager entityManager, BoardProjectRepository projects, BoardTaskRepository tasks,
                  BoardAttemptRepository attempts, BoardEscalationRepository escalations,
                  BoardMemberRepository members) {
        this.entityManager = entityManager;
        this.projects = projects;
        this.tasks = tasks;
        this.attempts = attempts;
        this.escalations = escalations;
        this.members = members;
    }

    @Override
    public Optional<BoardProject> project(UUID projectId) {
        return projects.findById(projectId);
    }

    @Override
    public Optional<BoardTask> task(UUID projectId, String taskKey) {
        return tasks.findById(new BoardTask.Id(projectId, taskKey));
    }

    @Override
    public Optional<BoardAttempt> attempt(UUID projectId, String taskKey, int number) {
        return attempts.findById(new BoardAttempt.Id(projectId, taskKey, number));
    }

    @Override
    public Optional<BoardEscalation> openEscalation(UUID projectId, String taskKey) {
        return escalations.findByProjectIdAndTaskKeyAndStatus(projectId, taskKey, EscalationView.OPEN);
    }

    @Override
    public void add(BoardProject project) {
        entityManager.persist(project);
        // The tables' foreign keys need the project row first, and ordered batch inserts know nothing of them
        // (the entities are not associated); projects are created rarely, so write this one now.
        entityManager.flush();
    }

    @Override
    public void add(BoardTask task) {
        entityManager.persist(task);
    }

    @Override
    public void add(BoardAttempt attempt) {
        entityManager.persist(attempt);
    }

    @Override
    public void add(BoardEscalation escalation) {
        entityManager.persist(escalation);
    }

    @Override
    public Optional<BoardMember> member(UUID projectId, String username) {
        return members.findById(new BoardMember.Key(projectId, username));
    }

    @Override
    public void add(BoardMember member) {
        entityManager.persist(member);
    }

    @Override
    public void remove(BoardMember member) {
        members.delete(member);
    }

    @Override
    public void clear() {
        members.deleteAllInBatch();
        escalations.deleteAllInBatch();
        attempts.deleteAllInBatch();
        tasks.deleteAllInBatch();
        projects.deleteAllInBatch();
    }
}
