package io.taskledger.api.query;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which page of a list to answer: the items after the cursor {@code after} in the list's order (null: from the
 * first), at most {@code limit} of them. A cursor is the sort key of the last item of the page before (what its
 * {@link PageEnd#nextAfter()} said), never an offset, so rows added or removed meanwhile shift nothing: paging on
 * sees every row that existed throughout exactly once.
 */
public record PageRequest(String after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** The first page of the default size: what a request without {@code after} and {@code limit} asks. */
    public static final PageRequest FIRST = new PageRequest(null, DEFAULT_LIMIT);

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                    "limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + limit);
        }
        after = after == null || after.isBlank() ? null : after.strip();
    }

    public boolean fromStart() {
        return after == null;
    }

    /** The cursor of a list ordered by a number (-1 before the first). */
    public long afterNumber() {
        if (after == null) {
            return -1;
        }
        try {
            long value = Long.parseLong(after);
            if (value >= -1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw malformed("a whole number from -1");
    }

    /** The cursor of a list whose last item is named by its id; null before the first. */
    public UUID afterId() {
        if (after == null) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw malformed("the id of an item of the list");
        }
    }

    /** How many rows to read: one more than the page holds, to know whether more follow. */
    public int rowsToRead() {
        return limit + 1;
    }

    /** The page's items, of the {@link #rowsToRead()} read in the list's order. */
    public <T> List<T> items(List<T> read) {
        return read.size() > limit ? read.subList(0, limit) : read;
    }

    /** Where the page made of {@code read} ended; {@code cursorOf} gives an item's sort key as a cursor. */
    public <T> PageEnd end(List<T> read, Function<T, String> cursorOf) {
        List<T> items = items(read);
        return new PageEnd(items.isEmpty() ? after : cursorOf.apply(items.get(items.size() - 1)),
                read.size() > limit);
    }

    /** The refusal of a cursor that names nothing the list holds or held. */
    public TaskledgerException malformed(String expected) {
        return new TaskledgerException(ErrorCode.INVALID_INPUT,
                "after must be " + expected + " (the nextAfter of the page before), not '" + after + "'");
    }
}
