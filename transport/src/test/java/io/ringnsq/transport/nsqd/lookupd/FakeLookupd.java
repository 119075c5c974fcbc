package io.ringnsq.transport.nsqd.lookupd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A stand-in nsqlookupd for nsqd's registration: a raw V1 TCP server on 127.0.0.1 that records every
 * command (with its arrival time and connection number) and answers {@code OK}, or the IDENTIFY JSON,
 * or what a test sets; and a JDK HTTP server answering {@code /channels} from a map.
 */
final class FakeLookupd implements AutoCloseable
{
    /** One command as received: its connection (1 = the first accepted), its line, when it came. */
    record Line(int connection, String text, long nanoTime)
    {
    }

    private final ServerSocket server;
    private final HttpServer http;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> channelQueries = new CopyOnWriteArrayList<>();
    private final Map<String, String> channelsByTopic = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByPeer = new AtomicInteger();
    private final Thread acceptor;
    /** When set, the raw bytes IDENTIFY is answered with. */
    private volatile byte[] identifyReply;
    private volatile int channelsStatus = 200;

    FakeLookupd() throws IOException
    {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/channels", exchange ->
        {
            final String topic = exchange.getRequestURI().getQuery().replaceFirst("^topic=", "");
            channelQueries.add(topic);
            final byte[] body = ("{\"channels\":[" + channelsByTopic.getOrDefault(topic, "") + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(channelsStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        acceptor = new Thread(this::accept, "fake-lookupd");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String tcpAddress()
    {
        return "127.0.0.1:" + server.getLocalPort();
    }

    String httpAddress()
    {
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    /** What {@code /channels?topic=<topic>} lists: the JSON array's inside, e.g. {@code "a","b"}. */
    void channels(final String topic, final String jsonElements)
    {
        channelsByTopic.put(topic, jsonElements);
    }

    void channelsStatus(final int status)
    {
        channelsStatus = status;
    }

    /** From now on IDENTIFY is answered by just this size field, with no data. */
    void identifyReplySize(final int size)
    {
        identifyReply = new byte[]{(byte)(size >>> 24), (byte)(size >>> 16), (byte)(size >>> 8), (byte)size};
    }

    /** From now on IDENTIFY is answered by this text. */
    void identifyReply(final String text)
    {
        final byte[] data = text.getBytes(StandardCharsets.UTF_8);
        final byte[] reply = new byte[4 + data.length];
        reply[3] = (byte)data.length;
        System.arraycopy(data, 0, reply, 4, data.length);
        identifyReply = reply;
    }

    List<String> channelQueries()
    {
        return channelQueries;
    }

    List<Line> lines()
    {
        return new ArrayList<>(lines);
    }

    /** The command texts, in order of arrival. */
    List<String> texts()
    {
        return lines.stream().map(Line::text).toList();
    }

    int connections()
    {
        return accepted.get();
    }

    /** Connections nsqd closed (the fake read EOF). */
    int closedByNsqd()
    {
        return closedByPeer.get();
    }

    /** Closes every connection from the lookupd's side, as a restarting lookupd would. */
    void dropConnections() throws IOException
    {
        for (final Socket socket : sockets)
        {
            socket.close();
        }
    }

    void awaitLine(final String text)
    {
        await(() -> texts().contains(text), "lookupd never received " + text + "; got " + texts());
    }

    static void await(final BooleanSupplier condition, final String message)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail(message);
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail(ex);
            }
        }
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket socket = server.accept();
                sockets.add(socket);
                final int number = accepted.incrementAndGet();
                final Thread reader = new Thread(() -> serve(socket, number), "fake-lookupd-" + number);
                reader.setDaemon(true);
                reader.start();
            }
            catch (final IOException ex)
            {
                return; // closed
            }
        }
    }

    private void serve(final Socket socket, final int number)
    {
        try (socket)
        {
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            final byte[] magic = new byte[4];
            in.readFully(magic);
            lines.add(new Line(number, "MAGIC " + new String(magic, StandardCharsets.US_ASCII), System.nanoTime()));
            for (String line = readLine(in); line != null; line = readLine(in))
            {
                if (line.equals("IDENTIFY"))
                {
                    final byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    lines.add(new Line(number, "IDENTIFY " + new String(body, StandardCharsets.UTF_8), System.nanoTime()));
                    final byte[] raw = identifyReply;
                    if (raw != null)
                    {
                        out.write(raw);
                        out.flush();
                        continue;
                    }
                    reply(out, "{\"broadcast_address\":\"127.0.0.1\",\"hostname\":\"fake\",\"http_port\":" + http.getAddress().getPort()
                        + ",\"tcp_port\":" + server.getLocalPort() + ",\"version\":\"1.3.0\"}");
                    continue;
                }
                lines.add(new Line(number, line, System.nanoTime()));
                reply(out, "OK");
            }
            closedByPeer.incrementAndGet();
        }
        catch (final IOException ex)
        {
            // dropped by the test, or reset by nsqd
        }
    }

    private static void reply(final DataOutputStream out, final String text) throws IOException
    {
        final byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(data.length);
        out.write(data);
        out.flush();
    }

    /** A line without its newline; null at EOF. */
    private static String readLine(final DataInputStream in) throws IOException
    {
        final StringBuilder line = new StringBuilder();
        while (true)
        {
            final int b;
            try
            {
                b = in.readUnsignedByte();
            }
            catch (final EOFException ex)
            {
                return null;
            }
            if (b == '\n')
            {
                return line.toString();
            }
            line.append((char)b);
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        dropConnections();
        http.stop(0);
        try
        {
            acceptor.join(2000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
