package io.ringnsq.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;

import io.ringnsq.core.link.IoLink;
import io.ringnsq.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An idle shared thread waits in its I/O agent's selector ({@link IoAgent#awaitWork}): a socket that becomes ready, a
 * wake-up from another thread, or one made before the wait, each ends it. The waits asked for are a minute long, so a
 * thread that returns within the test's bound was woken, not timed out.
 */
class IoAgentAwaitWorkTest
{
    private static final long MINUTE_MS = TimeUnit.MINUTES.toMillis(1);
    private static final long BOUND_MS = TimeUnit.SECONDS.toMillis(20);

    private final IoLink link = new IoLink(0, 64, 64);
    private IoAgent agent;
    private ServerSocketChannel server;

    @AfterEach
    void close()
    {
        if (agent != null)
        {
            agent.onClose();
        }
    }

    private void start() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        agent = new IoAgent(0, link, new ManualClock(), 16 * 1024, 32 * 1024);
        // the wait accepts nothing: a duty cycle would, and this test runs none
        agent.addListener(server, connection ->
        {
            throw new AssertionError("no connection is accepted while waiting");
        });
        agent.onStart();
    }

    @Test
    void shouldEndTheWaitWhenAClientConnects() throws Exception
    {
        start();
        final Thread waiting = waitInBackground();
        try (Socket client = new Socket())
        {
            client.connect(server.getLocalAddress());
            waiting.join(BOUND_MS);
            assertFalse(waiting.isAlive(), "a connection did not end the wait");
        }
    }

    @Test
    void shouldEndTheWaitWhenWokenFromAnotherThread() throws Exception
    {
        start();
        final Thread waiting = waitInBackground();
        agent.wakeup();
        waiting.join(BOUND_MS);
        assertFalse(waiting.isAlive(), "wakeup did not end the wait");
    }

    @Test
    void shouldNotWaitAfterAWakeupThatCameFirst() throws Exception
    {
        start();
        agent.execute(() -> { }); // a task handed over wakes the agent, as the disk agent's results do
        final Thread waiting = new Thread(this::awaitAMinute);
        waiting.start();
        waiting.join(BOUND_MS);
        assertFalse(waiting.isAlive(), "the wait began although a wake-up was pending");
    }

    private Thread waitInBackground() throws InterruptedException
    {
        final Thread waiting = new Thread(this::awaitAMinute, "shared-thread");
        waiting.start();
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        while (waiting.getState() != Thread.State.RUNNABLE && waiting.isAlive() && System.nanoTime() - until < 0)
        {
            Thread.sleep(1);
        }
        Thread.sleep(50); // into epoll_wait: a thread blocked in native code still shows as RUNNABLE
        assertEquals(true, waiting.isAlive(), "the wait ended by itself");
        return waiting;
    }

    private void awaitAMinute()
    {
        try
        {
            agent.awaitWork(MINUTE_MS);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
