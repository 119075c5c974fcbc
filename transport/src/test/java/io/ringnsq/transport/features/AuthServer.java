package io.ringnsq.transport.features;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small auth server (spec §1.10) on 127.0.0.1 and an ephemeral port: answers every request with the status and body
 * set last, and records each request as received (method, raw path and query, Accept header).
 */
final class AuthServer implements AutoCloseable
{
    /** One request as received. */
    record Request(String method, String path, String rawQuery, String accept)
    {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "";

    private AuthServer(final HttpServer server)
    {
        this.server = server;
    }

    static AuthServer start() throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final AuthServer auth = new AuthServer(server);
        server.createContext("/", auth::answer);
        server.start();
        return auth;
    }

    /** A 200 answer granting {@code permissions} on topics matching {@code topicRegex}, every channel, for ttl seconds. */
    static String grant(final int ttlSeconds, final String topicRegex, final String... permissions)
    {
        return "{\"ttl\":" + ttlSeconds + ",\"identity\":\"alice\",\"identity_url\":\"http://x/alice\",\"authorizations\":["
            + "{\"topic\":\"" + topicRegex + "\",\"channels\":[\".*\"],\"permissions\":[\"" + String.join("\",\"", permissions)
            + "\"]}]}";
    }

    AuthServer respond(final int newStatus, final String newBody)
    {
        status = newStatus;
        body = newBody;
        return this;
    }

    private void answer(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Accept")));
            exchange.getRequestBody().readAllBytes();
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    /** {@code 127.0.0.1:<port>}, as given to {@code --auth-http-address}. */
    String address()
    {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests()
    {
        return List.copyOf(requests);
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
