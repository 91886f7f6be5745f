package io.taskledger.api.query;

import io.taskledger.api.ids.ProjectVersion;

import org.axonframework.messaging.responsetypes.InstanceResponseType;
import org.axonframework.messaging.responsetypes.ResponseType;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The answer to a project-scoped query, with the project version it reflects (at least: rows read after the version
 * may be newer, never older). The HTTP layer answers the version as {@code ETag}.
 *
 * @param unchanged the project is still at one of the versions the query's scope knows: the body was not read, and
 *                  is null
 * @param body      the answer; null also when there is nothing to show (a task the project does not have)
 */
public record ProjectAnswer<T>(ProjectVersion version, boolean unchanged, T body) {

    public ProjectAnswer {
        Objects.requireNonNull(version, "version");
    }

    public static <T> ProjectAnswer<T> of(ProjectVersion version, T body) {
        return new ProjectAnswer<>(version, false, body);
    }

    public static <T> ProjectAnswer<T> unchangedAt(ProjectVersion version) {
        return new ProjectAnswer<>(version, true, null);
    }

    /**
     * The response type to ask a project-scoped query with: Axon's {@code instanceOf(ProjectAnswer.class)} does not
     * match a handler declared to return {@code ProjectAnswer<TaskList>}, a parameterized type; this matches any.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static ResponseType<ProjectAnswer> responseType() {
        return RESPONSE_TYPE;
    }

    @SuppressWarnings("rawtypes")
    private static final ResponseType<ProjectAnswer> RESPONSE_TYPE = new AnyProjectAnswer();

    @SuppressWarnings("rawtypes")
    private static final class AnyProjectAnswer extends InstanceResponseType<ProjectAnswer> {

        private AnyProjectAnswer() {
            super(ProjectAnswer.class);
        }

        @Override
        public boolean matches(Type responseType) {
            Type raw = responseType instanceof ParameterizedType parameterized ? parameterized.getRawType()
                    : responseType;
            return raw == ProjectAnswer.class;
        }
    }
}
