package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.query.ProjectScope;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reads typed values from path variables, headers and request parameters, refusing bad text with the parameter's
 * name.
 */
final class RequestValues {

    /** A read sent with the version its own command produced waits until the read model reflects it. */
    static final String MIN_VERSION_HEADER = "X-Min-Version";

    private RequestValues() {
    }

    /** What a project-scoped query carries: the project, the caller as viewer, and the version the read must reflect. */
    static ProjectScope scope(String projectIdText, String minVersion, Caller caller) {
        return new ProjectScope(projectId(projectIdText), caller,
                ProjectVersion.fromHeader(MIN_VERSION_HEADER, minVersion));
    }

    static ProjectId projectId(String text) {
        try {
            return ProjectId.of(text);
        } catch (IllegalArgumentException e) {
            throw invalid("projectId", text, "a UUID");
        }
    }

    static TaskKey taskKey(String text) {
        if (!TaskKey.isValid(text)) {
            throw invalid("taskKey", text, "a task key matching " + TaskKey.FORMAT.pattern());
        }
        return TaskKey.of(text);
    }

    /** Null when the parameter is absent or blank; names are matched ignoring case. */
    static <E extends Enum<E>> E optionalEnum(String parameter, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(parameter, text, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static TaskledgerException invalid(String parameter, String text, String expected) {
        return new TaskledgerException(ErrorCode.INVALID_INPUT,
                parameter + " must be " + expected + ", not '" + text + "'");
    }
}
