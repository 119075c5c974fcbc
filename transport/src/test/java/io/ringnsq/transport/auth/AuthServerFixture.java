package io.ringnsq.transport.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A small auth server on 127.0.0.1:0 that answers every request alike and records what it got. */
final class AuthServerFixture implements AutoCloseable
{
    /** One request as received. */
    record Received(String method, String uri, Map<String, List<String>> headers)
    {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private AuthServerFixture(final HttpServer server)
    {
        this.server = server;
    }

    static AuthServerFixture answering(final int status, final String body) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final AuthServerFixture fixture = new AuthServerFixture(server);
        server.createContext("/", exchange -> fixture.answer(exchange, status, body));
        server.start();
        return fixture;
    }

    private void answer(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders())));
        exchange.getRequestBody().readAllBytes();
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /** {@code 127.0.0.1:<port>}, as given to {@code --auth-http-address}. */
    String address()
    {
        return "127.0.0.1:" + port();
    }

    int port()
    {
        return server.getAddress().getPort();
    }

    List<Received> received()
    {
        return received;
    }

    @Override
    public void close()
    {
        server.stop(0);
    }

    /** A port nothing listens on: connecting to it is refused. */
    static int refusedPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
