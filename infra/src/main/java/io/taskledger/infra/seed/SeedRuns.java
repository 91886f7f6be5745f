package io.taskledger.infra.seed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code seed_run} table: which seeds this database has received (V70__seed_runs.sql). */
@Component
class SeedRuns {

    /** An earlier claim of a seed; {@code finishedAt} is null when that seed failed or is still running elsewhere. */
    record SeedRun(String seed, Instant startedAt, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SeedRuns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<SeedRun> find(String seed) {
        return jdbc.query("select seed, started_at, finished_at from seed_run where seed = ?",
                (row, n) -> new SeedRun(row.getString("seed"), row.getTimestamp("started_at").toInstant(),
                        row.getTimestamp("finished_at") == null ? null : row.getTimestamp("finished_at").toInstant()),
                seed).stream().findFirst();
    }

    /** Claims the seed for this start; false when it was claimed before (by an earlier start or another node). */
    boolean claim(String seed) {
        return jdbc.update("insert into seed_run (seed, started_at) values (?, ?) on conflict do nothing",
                seed, Timestamp.from(clock.instant())) == 1;
    }

    void finished(String seed, UUID projectId) {
        jdbc.update("update seed_run set finished_at = ?, project_id = ? where seed = ?",
                Timestamp.from(clock.instant()), projectId, seed);
    }
}
