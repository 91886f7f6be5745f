package io.taskledger.query.stream;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * What one kind of live stream follows: the subscription query to send, how its first answer and its further pages
 * of history read as a {@link Page}, each change's position (what the client resumes from, sent as the event's
 * {@code id:}) and name ({@code event:}).
 *
 * @param query        the subscription query (first answer: the history after the resume position)
 * @param answerType   its first answer's type
 * @param changeType   its updates' type
 * @param firstPage    the first answer as a page
 * @param nextPage     the history after a position, one more page, asked while the first pages said more follow
 * @param position     a change's position: a project's version, or the event store's position
 * @param name         a change's event type
 * @param contiguous   whether positions follow each other without gaps (a project's versions do): a missing one
 *                     means a change was lost, and the stream ends so that the client resumes
 * @param description  what the stream follows, for its opening comment
 */
public record Follow<I, U>(Object query, Class<I> answerType, Class<U> changeType, Function<I, Page<U>> firstPage,
                           LongFunction<Page<U>> nextPage, ToLongFunction<U> position, Function<U, String> name,
                           boolean contiguous, String description) {

    /**
     * Changes read from the history, oldest first.
     *
     * @param position where the history was read up to: the stream goes on after it
     */
    public record Page<U>(List<U> changes, boolean hasMore, long position) {
    }
}
