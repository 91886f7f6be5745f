package io.taskledger.infra.axon;

import io.taskledger.TaskledgerApplication;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.infra.integrity.HashChainingEventStorageEngine;
import io.taskledger.infra.persistence.ExistingDatabase;
import io.taskledger.support.IntegrationTest;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.SimpleQueryBus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile's wiring, beside the default one (the shared integration context). Axon Server itself is
 * not obtainable on these machines, so this proves what can be proven without it: Axon Server's buses replace the
 * local ones, which they wrap as their local segments; commands are routed by project id; the event store stays
 * PostgreSQL's (with its hash chain), and every other bean is the same. A start of its own, with the profile, aimed
 * at a port where no Axon Server listens (it keeps trying to connect in the background).
 */
class AxonServerProfileWiringTest extends IntegrationTest {

    @Autowired
    private ApplicationContext defaultContext;

    @Test
    void the_default_configuration_has_no_axon_server_and_local_buses() {
        assertThat(defaultContext.getBeansOfType(AxonServerConnectionManager.class)).isEmpty();
        assertThat(defaultContext.getBean(CommandBus.class)).isInstanceOf(SimpleCommandBus.class);
        assertThat(defaultContext.getBean(QueryBus.class)).isInstanceOf(SimpleQueryBus.class);
    }

    @Test
    void the_axonserver_profile_replaces_the_buses_and_keeps_the_event_store_and_everything_else(
            @TempDir Path dataDir) throws Exception {
        // An existing database with an account: a first start would open the admin account with a command, which
        // needs Axon Server.
        try (EmbeddedPostgres existing = ExistingDatabase.migrated(dataDir, null)) {
            new JdbcTemplate(existing.getPostgresDatabase()).update("""
                    insert into credentials (username, password_hash, role, enabled, changed_at)
                    values ('admin', 'not-a-hash', 'ADMIN', true, now())""");
        }
        Clock eventClockOfTheSharedContext = GenericEventMessage.clock;
        try (ConfigurableApplicationContext axonServer = new SpringApplicationBuilder(TaskledgerApplication.class)
                .profiles("axonserver").run("--server.address=127.0.0.1", "--server.port=0",
                        "--taskledger.data-dir=" + dataDir,
                        "--taskledger.embedded-postgres.server-config.fsync=off",
                        "--taskledger.security.password.bcrypt-cost=4",
                        "--axon.axonserver.servers=127.0.0.1:" + closedPort())) {
            org.axonframework.config.Configuration axon = axonServer.getBean(org.axonframework.config.Configuration.class);

            CommandBus commandBus = axon.commandBus();
            assertThat(commandBus).isInstanceOf(AxonServerCommandBus.class)
                    .isSameAs(axonServer.getBean(CommandBus.class));
            Object localCommands = ReflectionTestUtils.getField(commandBus, "localSegment");
            assertThat(localCommands).isSameAs(axonServer.getBean(SimpleCommandBus.class));
            assertThat(((java.util.List<?>) ReflectionTestUtils.getField(localCommands, "handlerInterceptors"))
                    .get(0)).isInstanceOf(OneCommandPerAggregate.class);

            QueryBus queryBus = axon.queryBus();
            assertThat(queryBus).isInstanceOf(AxonServerQueryBus.class).isSameAs(axonServer.getBean(QueryBus.class));
            assertThat(ReflectionTestUtils.getField(queryBus, "localSegment"))
                    .isSameAs(axonServer.getBean(SimpleQueryBus.class));

            ProjectId project = ProjectId.random();
            assertThat(axonServer.getBean(RoutingStrategy.class).getRoutingKey(GenericCommandMessage
                    .asCommandMessage(new StartTaskCommand(project, TaskKey.of("P1-T1"), "@coding-agent"))))
                    .isEqualTo(project.toString());

            EventStore eventStore = axon.eventStore();
            assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
            assertThat(ReflectionTestUtils.getField(eventStore, "storageEngine"))
                    .isInstanceOf(HashChainingEventStorageEngine.class);
            assertThat(axonServer.getBean(TokenStore.class).getClass())
                    .isEqualTo(defaultContext.getBean(TokenStore.class).getClass());

            Set<String> added = beans(axonServer);
            added.removeAll(beans(defaultContext));
            // Axon Server's connection, buses and their helpers; and two of Axon's own the Axon Server buses use: how
            // commands are routed (by @TargetAggregateIdentifier) and how a failing query handler is logged.
            assertThat(added).as("beans only the axonserver profile has").allMatch(bean ->
                    bean.toLowerCase(java.util.Locale.ROOT).contains("axonserver")
                            || bean.startsWith("routingStrategy:") || bean.startsWith("queryInvocationErrorHandler:"));
            assertThat(added).contains("axonServerCommandBus:" + AxonServerCommandBus.class.getName(),
                    "axonServerQueryBus:" + AxonServerQueryBus.class.getName());
            Set<String> missing = beans(defaultContext);
            missing.removeAll(beans(axonServer));
            assertThat(missing).as("beans of the default configuration the profile lacks (only the test profile's)")
                    .allMatch(bean -> bean.contains("io.taskledger.support.")
                            || bean.contains("org.springframework.test.context."));
        } finally {
            GenericEventMessage.clock = eventClockOfTheSharedContext;
        }
    }

    /** Bean name and type, for the beans of the application (not Spring's own infrastructure). */
    private static Set<String> beans(ApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> name + ":" + (context.getType(name) == null ? "?" : context.getType(name).getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
