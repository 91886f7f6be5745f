package io.taskledger.query.api;

import io.taskledger.api.query.ProjectAnswer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.function.Function;

/**
 * How a project-scoped read answers over HTTP: the project version it reflects as {@code ETag}; 304 Not Modified,
 * with no body, when the caller's {@code If-None-Match} names that version (the handler then read nothing); and
 * {@code Cache-Control: private, no-cache}: a read model may be kept by the caller's own cache, never a shared one,
 * and is revalidated before every use.
 */
final class ProjectResponses {

    static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

    private ProjectResponses() {
    }

    /** @param body the HTTP body made from the answer's (null when the query found nothing to show) */
    static <A, B> ResponseEntity<B> respond(ProjectAnswer<A> answer, Function<A, B> body) {
        if (answer.unchanged()) {
            return notModified(answer);
        }
        return ResponseEntity.ok().eTag(answer.version().etag()).cacheControl(REVALIDATE)
                .body(body.apply(answer.body()));
    }

    static <B> ResponseEntity<B> notModified(ProjectAnswer<?> answer) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(answer.version().etag())
                .cacheControl(REVALIDATE).build();
    }
}
