package io.ringnsq.transport.nio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.time.ManualClock;
import io.ringnsq.transport.v2.V2Handler;
import io.ringnsq.transport.v2.V2Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives one {@link IoAgent} by hand with no engine behind it: when its command ring is full it
 * stops reading the socket (TCP pushes back on the publisher), and once the ring drains it reads on,
 * with every command delivered once and in order.
 */
class IoAgentBackPressureTest
{
    private static final int RING = 64;
    private static final int MESSAGES = 20_000;

    private final ManualClock clock = new ManualClock();
    private final IoLink link = new IoLink(0, RING, 1024);
    private IoAgent agent;

    @AfterEach
    void close()
    {
        if (agent != null)
        {
            agent.onClose();
        }
    }

    @Test
    void shouldStopReadingWhileTheCommandRingIsFullAndLoseNothing() throws Exception
    {
        // small kernel buffers, so what TCP can hold is far below what the publisher sends
        final ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_RCVBUF, 8 * 1024);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        agent = new IoAgent(0, link, clock, 16 * 1024, 32 * 1024);
        agent.addListener(server, V2Handler.factory(limits()));
        agent.onStart();

        final List<String> bodies = new ArrayList<>();
        try (Socket client = new Socket())
        {
            client.setSendBufferSize(8 * 1024);
            client.connect(new InetSocketAddress("127.0.0.1", server.socket().getLocalPort()));
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> publishAll(client));

            // with nobody taking commands the agent fills the ring and then stops: the writer blocks
            for (int i = 0; i < 200; i++)
            {
                agent.doWork();
            }
            final int stalled = pending();
            assertTrue(stalled <= RING, "the ring never holds more than its capacity: " + stalled);
            assertTrue(!writer.isDone(), "the publisher is held back by TCP, not buffered without bound");

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bodies.size() < MESSAGES && System.nanoTime() < deadline)
            {
                agent.doWork();
                link.pollCommands((event, sequence, end) ->
                {
                    if (event.type == CommandType.PUB)
                    {
                        bodies.add(new String(event.body, StandardCharsets.US_ASCII));
                    }
                    event.clear();
                    return true;
                });
            }
            writer.get(5, TimeUnit.SECONDS);
        }
        assertEquals(MESSAGES, bodies.size());
        for (int i = 0; i < MESSAGES; i++)
        {
            assertEquals("message-" + i, bodies.get(i));
        }
    }

    /** Commands waiting in the ring, read off its free capacity. */
    private int pending()
    {
        int free = 0;
        while (free < RING && link.hasCommandCapacity(free + 1))
        {
            free++;
        }
        return RING - free;
    }

    private static void publishAll(final Socket client)
    {
        try
        {
            final OutputStream out = client.getOutputStream();
            out.write("  V2".getBytes(StandardCharsets.US_ASCII));
            final ByteBuffer frame = ByteBuffer.allocate(64);
            for (int i = 0; i < MESSAGES; i++)
            {
                final byte[] body = ("message-" + i).getBytes(StandardCharsets.US_ASCII);
                frame.clear();
                frame.put("PUB t\n".getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
                out.write(frame.array(), 0, frame.position());
            }
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static V2Limits limits()
    {
        return new V2Limits(1_048_576, 5_242_880, 2500, TimeUnit.SECONDS.toNanos(60), TimeUnit.MINUTES.toNanos(15),
            TimeUnit.HOURS.toNanos(1), TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(60), 65536,
            TimeUnit.MILLISECONDS.toNanos(25), TimeUnit.SECONDS.toNanos(30), TimeUnit.MILLISECONDS.toNanos(250));
    }
}
