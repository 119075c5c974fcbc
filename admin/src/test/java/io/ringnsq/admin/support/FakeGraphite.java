package io.ringnsq.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in graphite on 127.0.0.1 port 0 (the JDK's HTTP server): every {@code /render} gets the one answer the
 * test sets (at first a PNG, as graphite draws graphs, or for {@code format=json} one series of datapoints), and
 * every request is recorded as {@code METHOD /path?query} with the {@code Authorization} header it came with.
 */
public final class FakeGraphite implements AutoCloseable
{
    /** A PNG of one light blue pixel: a browser draws it as a block the size of the graph, which screenshots show. */
    public static final byte[] PNG = Base64.getDecoder()
        .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOYfPQvAAREAlYlkSQ9AAAAAElFTkSuQmCC");

    /** graphite's JSON for one series: a count of 123.4 in the first interval. */
    public static final String JSON = "[{\"target\":\"x\",\"datapoints\":[[123.4,1700000000],[null,1700000010]]}]";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "image/png";
    private volatile byte[] body = PNG;
    private volatile boolean answerSet;

    public FakeGraphite() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** What every {@code /render} answers from now on, {@code format=json} ones too. */
    public FakeGraphite answer(final int answerStatus, final String answerContentType, final byte[] answerBody)
    {
        this.status = answerStatus;
        this.contentType = answerContentType;
        this.body = answerBody;
        this.answerSet = true;
        return this;
    }

    public String httpAddress()
    {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code METHOD /path?query}, the query as it arrived (still percent-encoded). */
    public List<String> requests()
    {
        return requests;
    }

    /** The Authorization header of each request, "" where there was none. */
    public List<String> authorizations()
    {
        return authorizations;
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        exchange.getRequestBody().readAllBytes();
        final boolean render = exchange.getRequestURI().getRawPath().endsWith("/render");
        final boolean json = !answerSet && query != null && query.contains("format=json");
        final byte[] bytes = !render ? text("not graphite's") : json ? text(JSON) : body;
        exchange.getResponseHeaders().add("Content-Type", !render ? "text/plain" : json ? "application/json" : contentType);
        exchange.sendResponseHeaders(render ? status : 404, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private static byte[] text(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
