package io.taskledger.infra.operations;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For operators, ADMIN only (SecurityConfiguration): the projections' state and their dead letters. */
@RestController
@RequestMapping("/api/admin")
public class AdminController {

    private final ProjectionOperations operations;
    private final ProjectionRebuilds rebuilds;

    public AdminController(ProjectionOperations operations, ProjectionRebuilds rebuilds) {
        this.operations = operations;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/projections")
    public List<ProjectionStatus> projections() {
        return operations.projections();
    }

    /**
     * Rebuilds the projection from the first event in the background (202) while the previous read model keeps
     * answering; follow it in {@code GET /api/admin/projections}.
     */
    @PostMapping("/projections/{name}/rebuild")
    public ResponseEntity<ProjectionRebuilds.Progress> rebuild(@PathVariable("name") String name) {
        return ResponseEntity.accepted().body(rebuilds.start(name));
    }

    @GetMapping("/dead-letters")
    public List<DeadLetterView> deadLetters() {
        return operations.deadLetters();
    }

    /** Retries the letter's whole sequence (its project's parked events, in order); says whether all applied. */
    @PostMapping("/dead-letters/{id}/retry")
    public DeadLetterRetry retry(@PathVariable("id") String id) {
        return new DeadLetterRetry(id, operations.retry(id));
    }

    @DeleteMapping("/dead-letters/{id}")
    public ResponseEntity<Void> delete(@PathVariable("id") String id) {
        operations.delete(id);
        return ResponseEntity.noContent().build();
    }
}
