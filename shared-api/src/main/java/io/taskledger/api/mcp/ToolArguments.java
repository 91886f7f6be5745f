package io.taskledger.api.mcp;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one MCP tool call ({@code tools/call}), as the JSON-RPC request carried them, read by name: a
 * missing required argument, one of the wrong JSON type or one the tool does not take is refused with
 * {@code INVALID_INPUT} naming it ({@code "attempt must be a whole number"}), as REST names a body's field. The tool's
 * input schema says the same; this is what holds it.
 */
public final class ToolArguments {

    /** Where the MCP transport puts the authenticated {@link Caller} of the request in the tool call's context. */
    public static final String CALLER = Caller.class.getName();

    private final Map<String, Object> arguments;
    private final String path;

    private ToolArguments(Map<String, Object> arguments, String path) {
        this.arguments = arguments == null ? Map.of() : arguments;
        this.path = path;
    }

    /** The call's arguments; refused when one is not among {@code accepted}. */
    public static ToolArguments of(Map<String, Object> arguments, Set<String> accepted) {
        ToolArguments read = new ToolArguments(arguments, "");
        read.refuseOthersThan(accepted);
        return read;
    }

    public String requiredText(String name) {
        String text = optionalText(name);
        if (text == null || text.isBlank()) {
            throw invalid(name, "is required");
        }
        return text;
    }

    /** Null when left out (or JSON null). */
    public String optionalText(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(name, "must be a string");
        }
        return text;
    }

    public int requiredInteger(String name) {
        Integer number = optionalInteger(name);
        if (number == null) {
            throw invalid(name, "is required");
        }
        return number;
    }

    /** Null when left out; a JSON number without a fraction that fits 32 bits otherwise. */
    public Integer optionalInteger(String name) {
        Long number = optionalLong(name);
        if (number == null) {
            return null;
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalid(name, "must be a whole number");
        }
        return number.intValue();
    }

    /** Null when left out; a JSON number without a fraction that fits 64 bits otherwise (a position). */
    public Long optionalLong(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) < 0x1p53) {
            return number.longValue();
        }
        throw invalid(name, "must be a whole number");
    }

    /** Null when left out. */
    public Boolean optionalBoolean(String name) {
        Object value = arguments.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw invalid(name, "must be true or false");
    }

    /** Each element of a required array of objects, read with its own path ({@code results[2].passed}). */
    public List<ToolArguments> requiredObjects(String name, Set<String> accepted) {
        Object value = arguments.get(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "must be an array");
        }
        List<ToolArguments> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String elementPath = field(name) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> element)) {
                throw new TaskledgerException(ErrorCode.INVALID_INPUT, elementPath + " must be an object");
            }
            @SuppressWarnings("unchecked")
            ToolArguments read = new ToolArguments((Map<String, Object>) element, elementPath);
            read.refuseOthersThan(accepted);
            objects.add(read);
        }
        return objects;
    }

    /** The path of an argument, for the messages of checks made after reading it. */
    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void refuseOthersThan(Set<String> accepted) {
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT, "unknown argument '" + field(unknown.iterator().next())
                    + "'; this tool takes " + String.join(", ", new TreeSet<>(accepted)));
        }
    }

    private TaskledgerException invalid(String name, String problem) {
        return new TaskledgerException(ErrorCode.INVALID_INPUT, field(name) + " " + problem);
    }
}
