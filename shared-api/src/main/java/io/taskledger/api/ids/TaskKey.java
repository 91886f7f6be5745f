package io.taskledger.api.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A task's key, unique within its project, such as {@code P04-T01-S01}. Keys name phases, tasks and subtasks alike;
 * the level is a property of the task, not of its key.
 */
public record TaskKey(String value) implements Comparable<TaskKey> {

    /** Letters, digits, dot, underscore and dash; no slash, since criteria are named {@code <stepKey>/<n>}. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TaskKey {
        Objects.requireNonNull(value, "task key");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("task key '" + value + "' must match " + FORMAT.pattern());
        }
    }

    @JsonCreator
    public static TaskKey of(String value) {
        return new TaskKey(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(TaskKey other) {
        return value.compareTo(other.value);
    }
}
