package io.taskledger.benchmark;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ceiling of the load generator and loopback: an HTTP server that does nothing, inside the benchmark's own JVM
 * (the JDK's {@code com.sun.net.httpserver}), on 127.0.0.1, answering every request with 204 and no body from a fixed
 * pool of {@link #THREADS} threads. Driven by the same closed loop and HTTP client as Taskledger, it shows how many
 * requests per second this machine's client side and loopback carry at N connections when the server costs nothing.
 */
final class NoopHttpServer implements AutoCloseable {

    static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService handlers;

    NoopHttpServer() throws IOException {
        // Read once, when the JDK's server classes load. Its default keeps at most 200 idle keep-alive connections
        // and closes the others, so at 1000 connections the client would keep reconnecting (Tomcat keeps them all);
        // and without TCP_NODELAY (Tomcat sets it) small answers could wait for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        System.setProperty("sun.net.httpserver.nodelay", "true");
        handlers = Executors.newFixedThreadPool(THREADS, Http.daemon("noop-http"));
        // Listen queue as large as Tomcat's accept-count (4096): 1000 clients connect at once.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());   // a GET has none; read it anyway
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
