package io.taskledger.query.api;

import graphql.schema.DataFetchingEnvironment;
import io.taskledger.api.access.Caller;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.api.stream.ProjectChange;
import io.taskledger.query.stream.LiveStreams;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import java.security.Principal;

/**
 * The subscriptions of {@code subscriptions.graphqls}: the live streams of docs/streams.md as GraphQL publishers, over
 * the same feed, with the same access (a refusal is raised before the subscription starts, as REST answers it before
 * the stream starts) and the same end (token expiry, revoked session, removed membership, a subscriber that does not
 * keep up).
 */
@Controller
public class SubscriptionGraphQlController {

    private final LiveStreams streams;
    private final BoardQueries queries;

    public SubscriptionGraphQlController(LiveStreams streams, BoardQueries queries) {
        this.streams = streams;
        this.queries = queries;
    }

    @SubscriptionMapping
    public Flux<ProjectChange> projectChanged(@Argument String projectId, @Argument Integer afterVersion,
                                              Caller caller, DataFetchingEnvironment environment) {
        ProjectScope scope = RequestValues.scope(projectId, null, caller);
        Long resumeAfter = afterVersion == null ? null : afterVersion.longValue();
        Principal principal = environment.getGraphQlContext().get(LiveStreams.PRINCIPAL);
        return streams.openFlux(LiveStreamController.projectFollow(scope, resumeAfter, streams, queries), caller,
                principal, resumeAfter);
    }
}
