package io.taskledger.command.api;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads request fields and refuses bad ones with {@code INVALID_INPUT}, naming the field's path in the request body
 * (such as {@code phases[0].tasks[1].title}) so a client can point at it.
 */
public final class RequestFields {

    private RequestFields() {
    }

    /** The path of a field within the object at {@code path}; the empty path is the body's top level. */
    static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A refused value as an answer may echo it: quoted, and cut short, so a hostile value is not sent back whole. */
    static String quoted(String value) {
        return "'" + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + "'";
    }

    public static TaskledgerException invalid(String path, String problem) {
        return new TaskledgerException(ErrorCode.INVALID_INPUT, path + " " + problem);
    }

    public static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw invalid(path, "is required");
        }
        return value;
    }

    static TaskKey taskKey(String value, String path) {
        required(value, path);
        if (!TaskKey.isValid(value)) {
            throw invalid(path, quoted(value) + " is not a valid key: use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return TaskKey.of(value);
    }

    /** A key that may be left out: null when it is. */
    static TaskKey optionalTaskKey(String value, String path) {
        return value == null ? null : taskKey(value, path);
    }

    static List<TaskKey> taskKeys(List<String> values, String path) {
        List<TaskKey> keys = new ArrayList<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            keys.add(taskKey(given.get(i), path + "[" + i + "]"));
        }
        return keys;
    }

    static ProjectId projectId(String value) {
        try {
            return ProjectId.of(value);
        } catch (IllegalArgumentException notAUuid) {
            throw invalid("projectId", quoted(value) + " is not a project id");
        }
    }

    /** An enum constant by its name, or the fallback when the text is left out. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String text, E fallback, String path) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw invalid(path, quoted(text) + " is not one of " + allowed);
        }
    }

    public static <E extends Enum<E>> E requiredEnum(Class<E> type, String text, String path) {
        return enumValue(type, required(text, path), null, path);
    }

    /** A count that may be left out (the fallback) and must not be negative. */
    static int atLeast(Integer value, int minimum, int fallback, String path) {
        int number = value == null ? fallback : value;
        if (number < minimum) {
            throw invalid(path, minimum == 0 ? "must not be negative" : "must be at least " + minimum);
        }
        return number;
    }

    static int requiredAtLeast(Integer value, int minimum, String path) {
        if (value == null) {
            throw invalid(path, "is required");
        }
        return atLeast(value, minimum, minimum, path);
    }

    public static <T> T present(T value, String path) {
        if (value == null) {
            throw invalid(path, "is required");
        }
        return value;
    }
}
