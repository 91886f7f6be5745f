package io.taskledger.infra.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.taskledger.infra.persistence.WorkloadRoutingDataSource.Workload;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Event processing draws its connections from a pool of its own, so request load cannot starve the projections. */
class WorkloadRoutingTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    @Test
    void axons_event_processing_threads_are_recognised_as_event_processing() {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("EventProcessor[task-board]")
                        || thread.getName().startsWith("EventProcessor[user-directory]")
                        || thread.getName().startsWith("EmbeddedEventStore"))
                .toList();

        assertThat(threads).extracting(Thread::getName)
                .anyMatch(name -> name.startsWith("EventProcessor[task-board]"))
                .anyMatch(name -> name.startsWith("EmbeddedEventStore"));
        assertThat(threads).allSatisfy(thread -> assertThat(workloadOf(thread)).as(thread.getName())
                .isEqualTo(Workload.EVENT_PROCESSING));
    }

    @Test
    void a_connection_asked_for_by_an_event_processing_thread_comes_from_the_event_processing_pool() throws Exception {
        assertThat(setting("application_name", threadIn("EventProcessor[some-projection]")))
                .isEqualTo(WorkloadRoutingDataSource.EVENT_PROCESSING_POOL);
        assertThat(setting("application_name", threadIn("http-requests")))
                .isNotEqualTo(WorkloadRoutingDataSource.EVENT_PROCESSING_POOL);
    }

    @Test
    void only_event_processing_commits_without_waiting_for_the_disk() throws Exception {
        // The test database runs with synchronous_commit off for speed, so the source of the setting tells them apart.
        assertThat(setting("synchronous_commit", threadIn("EventProcessor[some-projection]"))).isEqualTo("off");
        assertThat(settingSource("synchronous_commit", threadIn("EventProcessor[some-projection]")))
                .isEqualTo("session");
        assertThat(settingSource("synchronous_commit", threadIn("http-requests"))).isNotEqualTo("session");
    }

    @Test
    void the_running_servers_event_processing_draws_from_the_event_processing_pool() {
        Timer eventProcessingUse = meters.get("hikaricp.connections.usage")
                .tag("pool", WorkloadRoutingDataSource.EVENT_PROCESSING_POOL).timer();
        long usesBefore = eventProcessingUse.count();

        Projects projects = new Projects(api);
        projects.create();

        Eventually.await(Duration.ofSeconds(10), eventProcessingUse::count, uses -> uses > usesBefore);
    }

    private String setting(String name, ThreadFactory thread) throws Exception {
        return queryOnConnectionOf(thread, "SELECT setting FROM pg_settings WHERE name = '" + name + "'");
    }

    /** Where a connection's setting comes from: {@code session} when the pool's connection init set it. */
    private String settingSource(String name, ThreadFactory thread) throws Exception {
        return queryOnConnectionOf(thread, "SELECT source FROM pg_settings WHERE name = '" + name + "'");
    }

    /** The one value the query answers on the connection a thread of the factory's gets from the data source. */
    private String queryOnConnectionOf(ThreadFactory factory, String query) throws Exception {
        var executor = Executors.newSingleThreadExecutor(factory);
        try {
            return CompletableFuture.supplyAsync(() -> {
                try (Connection connection = dataSource.getConnection();
                     var statement = connection.createStatement();
                     var result = statement.executeQuery(query)) {
                    result.next();
                    return result.getString(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor).get();
        } finally {
            executor.shutdown();
        }
    }

    private static ThreadFactory threadIn(String groupName) {
        ThreadGroup group = new ThreadGroup(groupName);
        return runnable -> new Thread(group, runnable, groupName + "-test");
    }

    private static Workload workloadOf(Thread thread) throws Exception {
        var executor = Executors.newSingleThreadExecutor(runnable -> new Thread(thread.getThreadGroup(), runnable));
        try {
            return CompletableFuture.supplyAsync(Workload::ofCurrentThread, executor).get();
        } finally {
            executor.shutdown();
        }
    }
}
