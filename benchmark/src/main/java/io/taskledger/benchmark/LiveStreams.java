package io.taskledger.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many open server-sent event streams ({@code GET /api/projects/{id}/stream}), each following one project as that
 * project's agent, recording every change it receives with the time it arrived: afterwards each stream is checked to
 * have received every change of its project once, in version order, and the delivery time of each change a command
 * answered is the time it arrived minus the time the command's answer arrived.
 *
 * <p>One thread reads every stream's socket (non-blocking, one selector) and decodes HTTP/1.1 chunked bodies itself:
 * the JDK's HTTP client spends so much per chunk over a thousand connections that it, not the server, decided how
 * late the changes arrived.
 */
final class LiveStreams implements AutoCloseable {

    private static final Pattern START = Pattern.compile("^: ?project \\S+ after (-?\\d+)");

    /** One stream: its project, the version it started after, and every id it received, in arrival order. */
    static final class Stream {
        final String projectId;
        volatile long startedAfter = Long.MIN_VALUE;
        final List<Long> versions = new ArrayList<>();
        final Map<Long, Long> arrivedAtNanos = new ConcurrentHashMap<>();
        volatile String ended;
        private final ChunkedLines lines = new ChunkedLines();

        Stream(String projectId) {
            this.projectId = projectId;
        }

        private void line(String line, long arrivedAt) {
            if (line.startsWith("id:")) {
                long version = Long.parseLong(line.substring(3).strip());
                synchronized (versions) {
                    versions.add(version);
                }
                arrivedAtNanos.putIfAbsent(version, arrivedAt);
            } else if (startedAfter == Long.MIN_VALUE) {
                Matcher start = START.matcher(line);
                if (start.find()) {
                    startedAfter = Long.parseLong(start.group(1));
                }
            }
        }

        List<Long> received() {
            synchronized (versions) {
                return List.copyOf(versions);
            }
        }
    }

    /**
     * An HTTP/1.1 response read byte by byte: the status line and headers, then the body's chunks (a hexadecimal size
     * line, that many bytes, CRLF), whose bytes are split into lines.
     */
    private static final class ChunkedLines {
        private enum State { HEAD, SIZE, DATA, DATA_END }

        private State state = State.HEAD;
        private final StringBuilder line = new StringBuilder();
        private final java.io.ByteArrayOutputStream bodyLine = new java.io.ByteArrayOutputStream();
        private long remaining;
        private boolean sawStatus;
        String refusal;

        void read(ByteBuffer bytes, Stream stream, long arrivedAt) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                switch (state) {
                    case HEAD -> {
                        if (b == '\n') {
                            String header = line.toString().strip();
                            line.setLength(0);
                            if (!sawStatus) {
                                sawStatus = true;
                                if (!header.startsWith("HTTP/1.1 200")) {
                                    refusal = header;
                                }
                            } else if (header.isEmpty()) {
                                state = State.SIZE;
                            }
                        } else {
                            line.append((char) b);
                        }
                    }
                    case SIZE -> {
                        if (b == '\n') {
                            String size = line.toString().strip();
                            line.setLength(0);
                            int extension = size.indexOf(';');
                            remaining = Long.parseLong(extension < 0 ? size : size.substring(0, extension), 16);
                            state = remaining == 0 ? State.HEAD : State.DATA;
                        } else {
                            line.append((char) b);
                        }
                    }
                    case DATA -> {
                        if (b == '\n') {
                            stream.line(bodyLine.toString(StandardCharsets.UTF_8), arrivedAt);
                            bodyLine.reset();
                        } else if (b != '\r') {
                            bodyLine.write(b);
                        }
                        if (--remaining == 0) {
                            state = State.DATA_END;
                        }
                    }
                    case DATA_END -> {
                        if (b == '\n') {
                            state = State.SIZE;
                        }
                    }
                }
            }
        }
    }

    private final Selector selector;
    private final Thread reader;
    private volatile boolean open = true;
    final List<Stream> streams = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();

    /** Opens {@code count} streams spread over the fixture's projects, each as its project's agent. */
    LiveStreams(int port, Authentication auth, Fixture fixture, int count) throws IOException, InterruptedException {
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            Fixture.Project project = fixture.projects.get(i % fixture.projects.size());
            Stream stream = new Stream(project.id());
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            String token = auth.tokenOf(project.agent());
            String request = "GET /api/projects/" + project.id() + "/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            streams.add(stream);
            channel.register(selector, SelectionKey.OP_READ, stream);   // read once all are open
            if (i % 50 == 49) {
                Thread.sleep(100);   // the per-account rate limit: each agent opens a few streams a second at most
            }
        }
        reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (open) {
                selector.select(200);
                long arrivedAt = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    buffer.clear();
                    int read;
                    try {
                        read = ((SocketChannel) key.channel()).read(buffer);
                    } catch (IOException e) {
                        read = -1;
                    }
                    if (read < 0) {
                        stream.ended = "closed by the server";
                        key.cancel();
                        continue;
                    }
                    buffer.flip();
                    stream.lines.read(buffer, stream, arrivedAt);
                    if (stream.lines.refusal != null && stream.ended == null) {
                        stream.ended = stream.lines.refusal;
                        synchronized (refusals) {
                            refusals.add("stream answered " + stream.lines.refusal);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every stream has said where it starts; returns how many have not, after the wait. */
    long awaitStarted(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (notStarted() == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return notStarted();
    }

    private long notStarted() {
        return streams.stream().filter(stream -> stream.startedAfter == Long.MIN_VALUE).count();
    }

    @Override
    public void close() throws IOException {
        open = false;
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
