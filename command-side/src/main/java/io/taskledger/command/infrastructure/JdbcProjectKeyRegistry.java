package io.taskledger.command.infrastructure;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.command.domain.ProjectKeyRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The project keys in use, in the table {@code project_key_registry}. Its processing group is a subscribing
 * processor, so the key is recorded in the creating command's own transaction: when two creations race for one key,
 * the primary key refuses the second and its command rolls back.
 */
@Component
@ProcessingGroup(JdbcProjectKeyRegistry.PROCESSING_GROUP)
public class JdbcProjectKeyRegistry implements ProjectKeyRegistry {

    public static final String PROCESSING_GROUP = "project-key-registry";

    private final JdbcTemplate jdbc;

    public JdbcProjectKeyRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isTaken(String key) {
        Integer count = jdbc.queryForObject("select count(*) from project_key_registry where key_lower = ?",
                Integer.class, normalized(key));
        return count != null && count > 0;
    }

    @EventHandler
    void on(ProjectCreated event) {
        try {
            jdbc.update("insert into project_key_registry (key_lower, project_id) values (?, ?)",
                    normalized(event.key()), event.projectId().value());
        } catch (DuplicateKeyException raced) {
            throw new TaskledgerException(ErrorCode.DUPLICATE_PROJECT_KEY,
                    "project key " + event.key() + " was just taken by another project (keys ignore case)");
        }
    }

    private static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
