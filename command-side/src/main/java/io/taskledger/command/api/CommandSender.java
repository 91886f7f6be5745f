package io.taskledger.command.api;

import io.taskledger.api.command.ProjectCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

import static io.taskledger.command.api.RequestFields.invalid;

/**
 * Sends a command on behalf of an HTTP request, turning its {@code If-Match} into the expected project version,
 * and answers with the project's new version as the {@code ETag}.
 */
@Component
class CommandSender {

    private final CommandGateway commandGateway;

    CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends the command and waits for its result; a refusal is thrown as the handler threw it. */
    <R> R send(ProjectCommand command, String ifMatch) {
        MetaData metaData = expectedVersion(ifMatch)
                .map(version -> MetaData.with(ProjectCommand.EXPECTED_VERSION, version))
                .orElse(MetaData.emptyInstance());
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** {@code "12"}, {@code W/"12"} or {@code 12}; absent or {@code *} means no condition. */
    static Optional<Long> expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.trim();
        if (tag.toUpperCase(Locale.ROOT).startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return Optional.of(version);
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the header's own text
        }
        throw invalid("If-Match", "'" + ifMatch + "' is not a project version such as \"12\"");
    }

    static ResponseEntity.BodyBuilder withVersion(ResponseEntity.BodyBuilder response, long version) {
        return response.eTag("\"" + version + "\"");
    }
}
