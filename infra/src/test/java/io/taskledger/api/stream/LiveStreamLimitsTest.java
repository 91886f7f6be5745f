package io.taskledger.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.query.stream.LiveStreams;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import io.taskledger.support.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.taskledger.api.stream.LiveStreamTest.EACH;
import static io.taskledger.api.stream.LiveStreamTest.addPhase;
import static io.taskledger.api.stream.LiveStreamTest.openStream;
import static io.taskledger.api.stream.LiveStreamTest.versions;
import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** When a stream ends by itself: a removed membership, a client that stops reading; and the escalation inbox's. */
class LiveStreamLimitsTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENT_ID = Pattern.compile("(?m)^id:(\\d+)$");

    @Autowired
    private LiveStreams streams;

    @Test
    void removing_the_callers_membership_ends_its_stream_after_the_removal() {
        Membership membership = newProjectWithViewer("leaving");
        String projectId = membership.projectId();
        String username = membership.username();
        ApiClient member = membership.member();
        try (SseClient stream = openStream(member, projectId, "X-Min-Version", "1");
             SseClient admins = openStream(api, projectId)) {
            assertThat(stream.status()).as(stream.refusal()).isEqualTo(200);
            ApiClient.Response removed = api.delete("/api/projects/" + projectId + "/members/" + username);
            assertThat(removed.status()).as(removed.toString()).isIn(200, 204);

            SseClient.Event last = stream.take(1, EACH).get(0);
            assertThat(last.name()).isEqualTo("MemberRemoved");
            assertThat(stream.awaitEnd(Duration.ofSeconds(5))).as("the removed member's stream ended").isTrue();
            assertThat(admins.take(1, EACH).get(0).name()).isEqualTo("MemberRemoved");
            assertThat(admins.awaitEnd(Duration.ofMillis(300))).as("the admin's stream goes on").isFalse();
        }
        try (SseClient again = SseClient.open(member.baseUrl() + "/api/projects/" + projectId + "/stream",
                member.accessToken())) {
            assertThat(again.status()).isEqualTo(404);
        }
    }

    /**
     * A client that stops reading falls behind by more than its buffer (32 changes in the tests): its stream is ended,
     * the others receive every change meanwhile, and it resumes from the last change it got.
     */
    @Test
    void a_client_that_stops_reading_is_disconnected_while_another_stream_keeps_receiving() throws Exception {
        Membership membership = newProjectWithViewer("slow");
        String projectId = membership.projectId();
        String username = membership.username();
        ApiClient slowAccount = membership.member();
        long opened;
        try (SseClient fast = openStream(api, projectId, "X-Min-Version", "1");
             Socket slow = stalledStream(slowAccount, projectId)) {
            opened = LiveStreamTest.versionOf(api, projectId);
            long last = opened;
            for (int i = 0; i < 400 && isOpenFor(username); i++) {
                last = addPhase(api, projectId, "S" + i);
            }
            assertThat(isOpenFor(username)).as("the stalled client's stream was ended").isFalse();

            List<SseClient.Event> all = fast.take((int) (last - opened), EACH);
            assertThat(all).extracting(SseClient.Event::id).containsExactlyElementsOf(versions(opened + 1, last));

            String received = readToEnd(slow);
            List<Long> ids = ids(received);
            assertThat(ids).as("a prefix of the changes, in order").isNotEmpty()
                    .containsExactlyElementsOf(ids.isEmpty() ? List.of() : longs(ids.get(0), ids.get(ids.size() - 1)));
            assertThat(ids.get(ids.size() - 1)).isLessThan(last);
            assertThat(received).contains("end: " + io.taskledger.query.stream.LiveStream.SLOW_CONSUMER);

            long lastReceived = ids.get(ids.size() - 1);
            try (SseClient resumed = openStream(slowAccount, projectId, "Last-Event-ID", Long.toString(lastReceived))) {
                assertThat(resumed.take((int) (last - lastReceived), EACH)).extracting(SseClient.Event::id)
                        .containsExactlyElementsOf(versions(lastReceived + 1, last));
            }
        }
    }

    @Test
    void the_escalation_stream_sends_the_callers_inbox_and_resumes_by_store_position() throws Exception {
        Projects projects = new Projects(api);
        String projectId = projects.createWithExamplePlan();
        String managerName = Accounts.uniqueUsername("inbox");
        ApiClient manager = accounts.as(managerName, AccountKind.HUMAN, GlobalRole.MANAGER);
        projects.join(projectId, managerName, ProjectRole.MANAGER);
        ApiClient outsider = accounts.fresh(GlobalRole.MANAGER);
        String task = "P04-T01-S01";
        Map<String, Boolean> failing = Map.of(task + "-01/1", false, task + "-01/2", false);
        try (SseClient inbox = escalations(manager, null);
             SseClient othersInbox = escalations(outsider, null)) {
            assertThat(inbox.status()).as(inbox.refusal()).isEqualTo(200);
            for (int attempt = 1; attempt <= 2; attempt++) {
                assertThat(projects.start(projectId, task, "@coding-agent").status()).isEqualTo(200);
                assertThat(projects.report(projectId, task, attempt, failing).status()).isEqualTo(200);
            }
            SseClient.Event escalated = inbox.take(1, EACH).get(0);
            assertThat(escalated.name()).isEqualTo("TaskEscalated");
            JsonNode data = JSON.readTree(escalated.data());
            assertThat(data.get("projectId").asText()).isEqualTo(projectId);
            assertThat(data.get("taskKey").asText()).isEqualTo(task);
            assertThat(escalated.id()).isEqualTo(data.get("position").asText());

            ApiClient.Response resolved = manager.post(Projects.task(projectId, task) + "/resolve",
                    json("decision", "RETRY", "justification", "one more try"));
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            SseClient.Event resolution = inbox.take(1, EACH).get(0);
            assertThat(resolution.name()).isEqualTo("EscalationResolved");
            assertThat(othersInbox.next(Duration.ofMillis(300))).as("a non-member's inbox shows nothing").isNull();

            long before = Long.parseLong(escalated.id()) - 1;
            try (SseClient resumed = escalations(manager, Long.toString(before))) {
                assertThat(resumed.take(2, EACH)).extracting(SseClient.Event::name)
                        .containsExactly("TaskEscalated", "EscalationResolved");
            }
        }
    }

    private record Membership(String projectId, String username, ApiClient member) {
    }

    /** A new project, and a VIEWER account of a new name that is a member of it. */
    private Membership newProjectWithViewer(String prefix) {
        Projects projects = new Projects(api);
        String projectId = projects.create();
        String username = Accounts.uniqueUsername(prefix);
        ApiClient member = accounts.as(username, AccountKind.HUMAN, GlobalRole.VIEWER);
        projects.join(projectId, username, ProjectRole.VIEWER);
        return new Membership(projectId, username, member);
    }

    private boolean isOpenFor(String username) {
        return streams.open().stream().anyMatch(stream -> stream.caller().username().equals(username));
    }

    private static SseClient escalations(ApiClient client, String lastEventId) {
        return lastEventId == null
                ? SseClient.open(client.baseUrl() + "/api/escalations/stream", client.accessToken())
                : SseClient.open(client.baseUrl() + "/api/escalations/stream", client.accessToken(),
                "Last-Event-ID", lastEventId);
    }

    /** A stream whose client reads its response headers, then nothing: a small receive window fills at once. */
    private static Socket stalledStream(ApiClient client, String projectId) throws IOException {
        URI base = URI.create(client.baseUrl());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/projects/" + projectId + "/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + client.accessToken() + "\r\nAccept: text/event-stream\r\n"
                + "X-Min-Version: 1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    private static String readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(received);
        return received.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> ids(String text) {
        List<Long> ids = new ArrayList<>();
        Matcher id = EVENT_ID.matcher(text);
        while (id.find()) {
            ids.add(Long.parseLong(id.group(1)));
        }
        return ids;
    }

    private static List<Long> longs(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long v = from; v <= to; v++) {
            all.add(v);
        }
        return all;
    }
}
