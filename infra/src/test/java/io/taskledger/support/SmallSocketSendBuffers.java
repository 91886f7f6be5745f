package io.taskledger.support;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The test server's sockets send through a fixed 8 KiB kernel buffer instead of one the kernel grows to megabytes on
 * loopback: a client that stops reading then blocks the server's writes after a few dozen live-stream changes, not
 * after tens of thousands (LiveStreamLimitsTest). Every other answer only goes out in more, smaller writes.
 */
@Component
@Profile("test")
public class SmallSocketSendBuffers implements TomcatConnectorCustomizer {

    static final int SEND_BUFFER_BYTES = 8 * 1024;

    @Override
    public void customize(Connector connector) {
        connector.setProperty("socket.txBufSize", Integer.toString(SEND_BUFFER_BYTES));
    }
}
