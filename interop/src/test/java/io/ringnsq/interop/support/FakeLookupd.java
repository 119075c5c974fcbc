package io.ringnsq.interop.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest nsqlookupd a lookupd-driven client needs (ringnsq has no nsqlookupd yet): {@code GET /lookup?topic=T}
 * answers, for any topic, with one producer, the nsqd under test, in v1.3.0's JSON (spec §4.3). Listens on
 * 127.0.0.1 and an ephemeral port.
 */
public final class FakeLookupd implements AutoCloseable
{
    private final HttpServer server;

    private FakeLookupd(final HttpServer server)
    {
        this.server = server;
    }

    public static FakeLookupd start(final String nsqdHost, final int nsqdTcpPort) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final byte[] lookup = lookupJson(nsqdHost, nsqdTcpPort).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> answer(exchange, lookup));
        server.start();
        return new FakeLookupd(server);
    }

    static String lookupJson(final String nsqdHost, final int nsqdTcpPort)
    {
        // key order as upstream's: channels, then producers with exactly these six keys. Clients connect to
        // broadcast_address:tcp_port; remote_address (upstream: nsqd's own connection to lookupd) and http_port
        // (ringnsq has no HTTP API yet) are placeholders no client here reads
        return "{\"channels\":[],\"producers\":[{\"remote_address\":\"" + nsqdHost + ":0\",\"hostname\":\"ringnsq-interop\","
            + "\"broadcast_address\":\"" + nsqdHost + "\",\"tcp_port\":" + nsqdTcpPort + ",\"http_port\":4151,"
            + "\"version\":\"1.3.0\"}]}";
    }

    private static void answer(final HttpExchange exchange, final byte[] lookup) throws IOException
    {
        try (exchange)
        {
            final boolean isLookup = "GET".equals(exchange.getRequestMethod())
                && "/lookup".equals(exchange.getRequestURI().getPath());
            final byte[] body = isLookup ? lookup : "{\"message\":\"NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("X-NSQ-Content-Type", "nsq; version=1.0");
            exchange.sendResponseHeaders(isLookup ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, the form clients take for a lookupd address. */
    public String hostAndPort()
    {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
