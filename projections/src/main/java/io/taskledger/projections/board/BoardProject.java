package io.taskledger.projections.board;

import java.time.Instant;
import java.util.UUID;

/** A project as the board knows it, with the version (event sequence number) the board reflects. */
public class BoardProject {

    private UUID projectId;

    private String projectKey;

    private String name;

    private String description;

    private boolean archived;

    private Instant createdAt;

    private long version;

    BoardProject(UUID projectId, String key, String name, String description, Instant createdAt, long version) {
        this(projectId, key, name, description, false, createdAt, version);
    }

    /** A row as stored. */
    BoardProject(UUID projectId, String key, String name, String description, boolean archived, Instant createdAt,
                 long version) {
        this.projectId = projectId;
        this.projectKey = key;
        this.name = name;
        this.description = description;
        this.archived = archived;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** Whether the board already reflects the event with this sequence number: a redelivery or a replay overlap. */
    boolean hasSeen(long sequence) {
        return sequence <= version;
    }

    void advanceTo(long sequence) {
        version = sequence;
    }

    void archive() {
        archived = true;
    }

    public UUID getProjectId() {
        return projectId;
    }

    public String getKey() {
        return projectKey;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isArchived() {
        return archived;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}
