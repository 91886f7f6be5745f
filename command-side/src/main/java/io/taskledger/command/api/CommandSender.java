package io.taskledger.command.api;

import io.taskledger.api.command.ProjectCommand;
import io.taskledger.api.ids.ProjectVersion;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends a command on behalf of an HTTP request (REST or GraphQL), turning its {@code If-Match} (or GraphQL's
 * {@code expectedVersion}) into the expected project version; REST answers the new version as the {@code ETag}.
 */
@Component
class CommandSender {

    private final CommandGateway commandGateway;

    CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends the command and waits for its result; a refusal is thrown as the handler threw it. */
    <R> R send(ProjectCommand command, String ifMatch) {
        return sendExpecting(command, expectedVersion(ifMatch).orElse(null));
    }

    /** @param expected the version the project must be at (refused with VERSION_MISMATCH otherwise); null: any */
    <R> R sendExpecting(ProjectCommand command, ProjectVersion expected) {
        MetaData metaData = expected == null ? MetaData.emptyInstance()
                : MetaData.with(ProjectCommand.EXPECTED_VERSION, expected.value());
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** {@code "12"}, {@code W/"12"} or {@code 12}; absent or {@code *} means no condition. */
    static Optional<ProjectVersion> expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        return Optional.of(ProjectVersion.fromHeader(HttpHeaders.IF_MATCH, ifMatch));
    }

    static ResponseEntity.BodyBuilder withVersion(ResponseEntity.BodyBuilder response, long version) {
        return response.eTag(ProjectVersion.of(version).etag());
    }
}
