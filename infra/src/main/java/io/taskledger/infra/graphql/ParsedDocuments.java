package io.taskledger.infra.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Each distinct operation document is parsed and validated once, then kept: clients send the same few documents over
 * and over (with other variables), and parsing and validating one costs more than answering many small reads. A
 * document refused by a limit checked during validation ({@link OperationLimits}) throws and so is never kept; the
 * limits checked when an operation runs hold for every run. Bounded: the least recently used documents go first.
 */
@Component
class ParsedDocuments implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

    private final Map<String, PreparsedDocumentEntry> documents;

    ParsedDocuments(@Value("${taskledger.graphql.kept-documents}") int maxDocuments) {
        this.documents = LeastRecentlyUsed.atMost(maxDocuments);
    }

    @Override
    public void customize(GraphQlSource.SchemaResourceBuilder builder) {
        builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry kept;
        synchronized (this) {
            kept = documents.get(input.getQuery());
        }
        if (kept == null) {
            kept = parseAndValidate.apply(input);
            synchronized (this) {
                documents.put(input.getQuery(), kept);
            }
        }
        return CompletableFuture.completedFuture(kept);
    }
}
