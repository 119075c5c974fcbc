package io.ringnsq.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in nsqlookupd on 127.0.0.1 port 0 (the JDK's HTTP server): answers the reads nsqadmin makes
 * ({@code /topics}, {@code /nodes}, {@code /lookup}, {@code /channels}) with JSON the test sets, in
 * upstream's shapes, answers every {@code /topic/*} and {@code /channel/*} POST with 200, and records
 * every request it gets as {@code METHOD /path?query} and every body. It also serves as a notification endpoint.
 */
public final class FakeLookupd implements AutoCloseable
{
    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    public FakeLookupd() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** What a GET of {@code pathAndQuery} answers (exactly as the request URI reads). */
    public FakeLookupd answer(final String pathAndQuery, final String json)
    {
        answers.put(pathAndQuery, json);
        return this;
    }

    /** A producer object as lookupd's /lookup and /nodes write it, for an nsqd on 127.0.0.1; {@code more} adds fields. */
    public static String producer(final String hostname, final TestNsqd nsqd, final String more)
    {
        return "{\"remote_address\":\"127.0.0.1:50001\",\"hostname\":\"" + hostname + "\",\"broadcast_address\":\"127.0.0.1\","
            + "\"tcp_port\":" + nsqd.tcpPort() + ",\"http_port\":" + nsqd.httpPort() + ",\"version\":\"1.3.0\"" + more + "}";
    }

    /**
     * The cluster most tests use: topic {@code orders} on {@code nsqd} (host {@code node-a}) with channel {@code billing},
     * and {@code ghost}, registered with channel {@code old} but without a producer.
     */
    public FakeLookupd ordersAndGhost(final TestNsqd nsqd)
    {
        return answer("/topics", "{\"topics\":[\"orders\",\"ghost\"]}")
            .answer("/lookup?topic=orders", "{\"channels\":[\"billing\"],\"producers\":[" + producer("node-a", nsqd, "") + "]}")
            .answer("/lookup?topic=ghost", "{\"channels\":[\"old\"],\"producers\":[]}")
            .answer("/channels?topic=ghost", "{\"channels\":[\"old\"]}")
            .answer("/channels?topic=orders", "{\"channels\":[\"billing\"]}");
    }

    public String httpAddress()
    {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> requests()
    {
        return requests;
    }

    /** The non-empty request bodies, in arrival order (a notification endpoint's JSON). */
    public List<String> bodies()
    {
        return bodies;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final String uri = exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(exchange.getRequestMethod() + " " + uri);
        final byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length > 0)
        {
            bodies.add(new String(body, StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().add("X-NSQ-Content-Type", "nsq; version=1.0");
        if (exchange.getRequestMethod().equals("POST"))
        {
            respond(exchange, 200, "");
            return;
        }
        final String json = answers.get(uri);
        if (json == null)
        {
            respond(exchange, 404, "{\"message\":\"NOT_FOUND\"}");
            return;
        }
        respond(exchange, 200, json);
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
