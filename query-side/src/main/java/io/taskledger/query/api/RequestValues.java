package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.query.ProjectScope;

import org.springframework.http.HttpHeaders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        return scope(projectIdText, minVersion, null, caller);
    }

    /** ... and the versions whose answer the caller holds ({@code If-None-Match}). */
    static ProjectScope scope(String projectIdText, String minVersion, String ifNoneMatch, Caller caller) {
        return new ProjectScope(projectId(projectIdText), caller,
                ProjectVersion.fromHeader(MIN_VERSION_HEADER, minVersion), entityTags(ifNoneMatch));
    }

    /**
     * The project versions an {@code If-None-Match} names ({@code "12"}, {@code W/"12"}, a list of them); none for
     * {@code *} or a tag that is no version: such a request is answered in full.
     */
    static List<ProjectVersion> entityTags(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return List.of();
        }
        List<ProjectVersion> versions = new ArrayList<>();
        for (String tag : ifNoneMatch.split(",")) {
            try {
                versions.add(ProjectVersion.fromHeader(HttpHeaders.IF_NONE_MATCH, tag));
            } catch (TaskledgerException notAVersion) {
                // another server's tag, or *: nothing this server answered, so no version is known
            }
        }
        return List.copyOf(versions);
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
