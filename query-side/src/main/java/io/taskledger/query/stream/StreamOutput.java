package io.taskledger.query.stream;

import java.io.IOException;

/** Where a live stream's thread writes: an SSE response, or a GraphQL subscription's publisher. */
interface StreamOutput<U> {

    /** A comment (SSE's {@code :} lines); outputs without comments drop it. */
    void comment(String text) throws IOException;

    /**
     * One change, resumable after {@code id}.
     *
     * @return false when the client cannot take it now (its own buffer is full): the stream ends as a slow consumer
     * @throws IOException when the client is gone
     */
    boolean change(long id, String name, Object change) throws IOException;

    void complete();

    void fail(Throwable error);
}
