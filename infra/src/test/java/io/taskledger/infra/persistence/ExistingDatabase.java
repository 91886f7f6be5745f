package io.taskledger.infra.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded database a server started with {@code taskledger.data-dir=dataDir} opens, prepared before that start:
 * for tests that start a server of their own on a database that already has a schema and data.
 */
public final class ExistingDatabase {

    private ExistingDatabase() {
    }

    /** Started (close it before the server starts), with the migrations up to {@code target}, or all when null. */
    public static EmbeddedPostgres migrated(Path dataDir, String target) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgresConfiguration.start(dataDir, false, Map.of("fsync", "off"));
            FluentConfiguration flyway = Flyway.configure().dataSource(postgres.getPostgresDatabase())
                    .locations("classpath:db/migration", "classpath:db/read-models");
            (target == null ? flyway : flyway.target(target)).load().migrate();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
