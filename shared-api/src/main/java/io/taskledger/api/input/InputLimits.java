package io.taskledger.api.input;

import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Map.entry;

/**
 * The limits every command obeys, whichever door sent it (REST now; GraphQL and MCP later): the longest text of each
 * field, the most items of each list, the range of each number, and text free of control characters (tab and line
 * breaks aside) and of unpaired surrogates. Fields are known by name, as records and JSON bodies call them, so one
 * table serves the check and the API description ({@code maxLength}, {@code maxItems}). The command bus checks every
 * command before it is handled; {@link #violations} names each offending field.
 *
 * <p>Lengths count UTF-16 code units ({@link String#length()}): a character outside the Basic Multilingual Plane
 * counts two. Each string is scanned once, with no regular expression.
 */
public final class InputLimits {

    /** The longest text of a field not named in {@link #MAX_LENGTH}. */
    public static final int DEFAULT_MAX_LENGTH = 1_000;

    /** The longest text, by field name. */
    public static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            entry("key", 64),
            entry("name", 200),
            entry("title", 200),
            entry("description", 10_000),
            entry("expected", 2_000),
            entry("evidence", 10_000),
            entry("justification", 2_000),
            entry("reason", 2_000),
            entry("displayName", 100),
            entry("username", 64),
            entry("assignee", 64),
            entry("agent", 64),
            entry("escalateTo", 64),
            entry("criterion", 200));

    /** The most items of a list not named in {@link #MAX_ITEMS}. */
    public static final int DEFAULT_MAX_ITEMS = 1_000;

    /**
     * The most items, by list name. A plan import holds at most {@code tasks} tasks in all (its phases, tasks and
     * subtasks together); a report has a result per criterion of the task, so at most steps x criteria.
     */
    public static final Map<String, Integer> MAX_ITEMS = Map.ofEntries(
            entry("tasks", 1_000),
            entry("phases", 1_000),
            entry("subtasks", 1_000),
            entry("prerequisites", 100),
            entry("steps", 50),
            entry("successCriteria", 50),
            entry("results", 2_500));

    /** The allowed range of a number, by field name. */
    public record Range(long min, long max) {
    }

    public static final Map<String, Range> RANGES = Map.ofEntries(
            entry("maxRetries", new Range(0, 100)),
            entry("timeoutMinutes", new Range(1, 43_200)),
            entry("attempt", new Range(1, 1_000)));

    private static final Map<Class<?>, List<Component>> COMPONENTS = new ConcurrentHashMap<>();

    private record Component(String name, Method accessor) {
    }

    private InputLimits() {
    }

    public static int maxLength(String field) {
        return MAX_LENGTH.getOrDefault(field, DEFAULT_MAX_LENGTH);
    }

    public static int maxItems(String field) {
        return MAX_ITEMS.getOrDefault(field, DEFAULT_MAX_ITEMS);
    }

    /**
     * Every field of the message (a record: a command) that breaks a limit, as {@code "<path>: <problem>"}, such as
     * {@code "tasks[P04-T01].steps[0].successCriteria[1].expected: contains the control character U+0000"}; a task
     * of a list is named by its key. Empty when all is well.
     */
    public static List<String> violations(Object message) {
        List<String> found = new ArrayList<>();
        if (message != null && message.getClass().isRecord()) {
            checkRecord(message, "", found);
        }
        return found;
    }

    /**
     * What is wrong with a text of the field, or null: too long, a control character other than tab, line feed or
     * carriage return (NUL included), or a surrogate without its pair (not Unicode). One pass over the characters.
     */
    public static String textProblem(String field, String text) {
        int max = maxLength(field);
        int length = text.length();
        if (length > max) {
            return "is " + length + " characters long, longer than the " + max + " allowed";
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return "contains the control character " + codePoint(c) + " at position " + i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return "contains the control character " + codePoint(c) + " at position " + i;
            } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate " + codePoint(c) + " at position " + i
                            + ": it is not Unicode text";
                }
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static void checkRecord(Object record, String path, List<String> found) {
        for (Component component : components(record.getClass())) {
            Object value;
            try {
                value = component.accessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
            }
            // An added task's fields are the body's own: "title", not "task.title".
            String fieldPath = component.name().equals("task") && value instanceof TaskDefinition ? path
                    : path.isEmpty() ? component.name() : path + "." + component.name();
            check(component.name(), value, fieldPath, found);
        }
    }

    private static void check(String name, Object value, String path, List<String> found) {
        if (value instanceof String text) {
            String problem = textProblem(name, text);
            if (problem != null) {
                found.add(path + ": " + problem);
            }
        } else if (value instanceof Number number && RANGES.containsKey(name)) {
            Range range = RANGES.get(name);
            long given = number.longValue();
            if (given < range.min() || given > range.max()) {
                found.add(path + ": " + given + " is outside " + range.min() + " to " + range.max());
            }
        } else if (value instanceof List<?> list) {
            int max = maxItems(name);
            if (list.size() > max) {
                found.add(path + ": has " + list.size() + " items, more than the " + max + " allowed");
                return;  // its items are not looked at one by one
            }
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String itemPath = path + "[" + (item instanceof TaskDefinition task && task.key() != null
                        ? task.key().value() : String.valueOf(i)) + "]";
                check(name, item, itemPath, found);
            }
        } else if (value != null && value.getClass().isRecord() && !(value instanceof TaskKey)
                && !(value instanceof ProjectId)) {
            checkRecord(value, path, found);
        }
    }

    private static List<Component> components(Class<?> type) {
        return COMPONENTS.computeIfAbsent(type, any -> {
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(new Component(component.getName(), component.getAccessor()));
            }
            return List.copyOf(components);
        });
    }
}
