package io.taskledger.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client would refuse or normalise before sending (a URL with
 * {@code //} or a malformed {@code %} escape, a header over the size limit, an unknown method): the bytes go to the
 * server exactly as written, and the answer is read until the server closes the connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code method target HTTP/1.1} with the given extra header lines and {@code Connection: close}. */
    public static ApiClient.Response send(String baseUrl, String method, String target, String... headerLines) {
        URI base = URI.create(baseUrl);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException resetAfterAnswer) {
            // A server refusing an oversized request may reset the connection once it has answered.
            if (bytes.size() == 0) {
                throw resetAfterAnswer;
            }
        }
        return bytes.toByteArray();
    }

    private static ApiClient.Response parse(byte[] raw) {
        String latin = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = latin.indexOf("\r\n\r\n");
        String[] head = latin.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim(), List.of(head[i].substring(colon + 1).trim()));
        }
        boolean chunked = headers.entrySet().stream().anyMatch(header ->
                header.getKey().equalsIgnoreCase("Transfer-Encoding") && header.getValue().get(0).equals("chunked"));
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        return new ApiClient.Response(status, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8),
                headers);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String latin = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = latin.indexOf("\r\n", at);
            int size = Integer.parseInt(latin.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
