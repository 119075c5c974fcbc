package io.ringnsq.admin.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A node that misbehaves on 127.0.0.1 port 0: answers garbage, or answers too late. */
public final class BadNode implements AutoCloseable
{
    private final HttpServer server;

    private BadNode(final HttpServer server)
    {
        this.server = server;
    }

    /** Answers every request 200 with a body that is not JSON. */
    public static BadNode garbage() throws IOException
    {
        return start(0, "<html>this is not nsqd</html>");
    }

    /** Answers every request after {@code delayMs}. */
    public static BadNode slow(final long delayMs) throws IOException
    {
        return start(delayMs, "{}");
    }

    private static BadNode start(final long delayMs, final String body) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r ->
        {
            final Thread t = new Thread(r, "bad-node");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange ->
        {
            try
            {
                Thread.sleep(delayMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
            catch (final IOException ex)
            {
                // the client gave up first
            }
        });
        server.start();
        return new BadNode(server);
    }

    public String httpAddress()
    {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
