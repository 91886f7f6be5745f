package io.taskledger.query.api;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.query.FindTasksQuery;
import io.taskledger.api.query.PageEnd;
import io.taskledger.api.query.PageRequest;
import io.taskledger.api.query.TaskRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boards (a page of a project's task list, per filter and page) serialized once per project version and kept in memory, so that many
 * readers of a busy project cost one serialization per version: the query handler is told the version kept (it then
 * answers that the project is unchanged, without reading the tasks) and the kept JSON is written as it is. Bounded:
 * the least recently used boards go first. A board is kept only for the latest version read; an entry is replaced,
 * never served, once the project has moved on, and who may see the project is decided by the handler before every
 * answer, whatever is kept here.
 */
@Component
public class SerializedBoards {

    /** Which board: the project, the filters and the page. */
    record Key(ProjectId projectId, String status, String assignee, String level, PageRequest page) {

        static Key of(FindTasksQuery query) {
            return new Key(query.projectId(), String.valueOf(query.status()), query.assignee(),
                    String.valueOf(query.level()), query.page());
        }
    }

    /** A board's page as JSON, at the version it was read at, with where the page ended. */
    record Serialized(ProjectVersion version, String json, PageEnd end) {
    }

    private final ObjectMapper json;
    private final Map<Key, Serialized> boards;

    public SerializedBoards(ObjectMapper json, @Value("${taskledger.read-cache.boards:1000}") int maxBoards) {
        this.json = json;
        this.boards = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Serialized> eldest) {
                return size() > maxBoards;
            }
        };
    }

    /** The version kept for the board, if any. */
    synchronized ProjectVersion versionOf(FindTasksQuery query) {
        Serialized kept = boards.get(Key.of(query));
        return kept == null ? null : kept.version();
    }

    /** The board kept at that version, as a body the HTTP layer writes out as the kept JSON. */
    synchronized RawRows kept(FindTasksQuery query, ProjectVersion version) {
        Serialized kept = boards.get(Key.of(query));
        if (kept == null || !kept.version().equals(version)) {
            return null;
        }
        return new RawRows(kept.json(), kept.end());
    }

    /** Serializes the board read at {@code version}, keeps it, and gives it back as {@link #kept} would. */
    RawRows keep(FindTasksQuery query, ProjectVersion version, List<TaskRow> rows, PageEnd end) {
        String serialized = json.writeValueAsString(rows);
        synchronized (this) {
            Serialized current = boards.get(Key.of(query));
            if (current == null || current.version().compareTo(version) <= 0) {
                boards.put(Key.of(query), new Serialized(version, serialized, end));
            }
        }
        return new RawRows(serialized, end);
    }

    /** Rows already serialized: written out as the JSON they were kept as. */
    static final class RawRows extends RawJson {

        private final PageEnd end;

        RawRows(String json, PageEnd end) {
            super(json);
            this.end = end;
        }

        /** Where the page ended: sent as headers, not written out. */
        PageEnd end() {
            return end;
        }
    }
}
