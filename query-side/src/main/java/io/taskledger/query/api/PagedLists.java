package io.taskledger.query.api;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.PageEnd;
import io.taskledger.api.query.PageRequest;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * How a paged list answers over HTTP. The body stays the plain JSON array it has always been (version 1 of the API
 * answers arrays there); where the page ended travels in two headers, named after the event log's fields:
 * {@value #HAS_MORE_HEADER} ({@code true} while more items follow) and {@value #NEXT_AFTER_HEADER} (the cursor to send
 * as {@code after} for the next page). docs/architecture.md, "Paged lists", says why.
 */
public final class PagedLists {

    public static final String NEXT_AFTER_HEADER = "X-Next-After";
    public static final String HAS_MORE_HEADER = "X-Has-More";

    private PagedLists() {
    }

    /** The page a request asks for: {@code after} as sent, {@code limit} from 1 to the maximum, the default when absent. */
    static PageRequest request(String after, String limit) {
        return new PageRequest(after, limit(limit));
    }

    static <T> ResponseEntity<List<T>> page(List<T> items, PageEnd end) {
        return headers(ResponseEntity.ok(), end).body(items);
    }

    /** The page's headers on a response being built. */
    static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response, PageEnd end) {
        response.header(HAS_MORE_HEADER, String.valueOf(end.hasMore()));
        if (end.nextAfter() != null) {
            response.header(NEXT_AFTER_HEADER, end.nextAfter());
        }
        return response;
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= PageRequest.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                "limit must be a whole number from 1 to " + PageRequest.MAX_LIMIT + ", not '" + text + "'");
    }
}
