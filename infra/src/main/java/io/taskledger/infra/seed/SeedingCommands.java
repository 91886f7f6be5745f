package io.taskledger.infra.seed;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.command.ProjectCommand;
import io.taskledger.command.accounts.AccountService;
import io.taskledger.command.accounts.AccountService.NewAccount;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.api.PlanRequest;
import io.taskledger.infra.security.GeneratedPasswords;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a seed does, done the way a client would do it: accounts opened through the account service, project
 * commands sent on the command gateway in the name of the account that would send them (its {@code actor} and
 * {@code actorRole}), so the aggregate checks each one as it checks an HTTP request's and the audit trail names who
 * did what. Plans are read as the body of {@code POST /api/projects/{id}/plan}, with the same JSON rules.
 */
@Component
class SeedingCommands {

    private final CommandGateway commands;
    private final AccountService accounts;
    private final CredentialStore credentials;
    private final JsonMapper json;

    SeedingCommands(CommandGateway commands, AccountService accounts, CredentialStore credentials, JsonMapper json) {
        this.commands = commands;
        this.accounts = accounts;
        this.credentials = credentials;
        this.json = json;
    }

    PlanRequest readPlan(InputStream plan, String source) {
        try (plan) {
            return json.readValue(plan, PlanRequest.class);
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalStateException("cannot read the plan " + source + " (taskledger.seed): "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /** Opens the account with a generated password, which is returned; empty when the account exists already. */
    Optional<String> openAccount(String username, String displayName, AccountKind kind, GlobalRole role) {
        if (credentials.exists(username)) {
            return Optional.empty();
        }
        String password = GeneratedPasswords.generate(username);
        accounts.register(new NewAccount(username, password, displayName, kind, role));
        return Optional.of(password);
    }

    /** The account as a caller, with the global role it has now. */
    Caller caller(String username) {
        return credentials.find(username).map(stored -> new Caller(stored.username(), stored.role()))
                .orElseThrow(() -> new IllegalStateException("the account " + username + " does not exist"));
    }

    boolean accountExists(String username) {
        return credentials.exists(username);
    }

    /** Sends the command as the caller and waits for its answer; a refusal is thrown as the aggregate threw it. */
    <R> R send(Caller caller, ProjectCommand command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(caller.toMetadata())));
    }
}
