package io.taskledger.command.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key registry only protects uniqueness if its failures reach the command: by default Axon logs and swallows
 * an event handler's exception, which would let a project whose key insert failed be created anyway.
 */
@Configuration(proxyBeanMethods = false)
class ProjectKeyRegistryConfiguration {

    @Bean
    ConfigurerModule projectKeyRegistryFailuresRollBackTheCommand() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                JdbcProjectKeyRegistry.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
