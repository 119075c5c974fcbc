package io.ringnsq.transport.nio;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.ringnsq.core.link.Doorbell;
import io.ringnsq.core.link.SpinThenWaitIdleStrategy;

/**
 * {@code backoff} for a thread that runs one I/O agent (the shared thread when one I/O agent serves every socket, or an
 * I/O agent's own thread): after the spins and yields it waits in that agent's selector, at most
 * {@link #MAX_WAIT_MILLIS}, instead of parking. A message that comes to an idle broker so wakes the thread
 * through the kernel at once, not at the end of a park that had grown to hundreds of microseconds (at 1,000 msg/s parks
 * added about 110 µs to the median publish-to-delivery time here). What else brings work rings the thread's
 * {@link Doorbell}, whose ring wakes the selector: the engine after publishing frames for the agent (on a thread of its
 * own), the disk agent after posting results and the lookupd registration after answering (for the shared thread's
 * engine); a task or a connection handed to the agent wakes the selector itself. Only the timers wait out the bound.
 */
public final class SelectorIdleStrategy extends SpinThenWaitIdleStrategy
{
    /**
     * The longest it waits without being woken: an idle thread wakes a hundred times a second, and a timer due while
     * nothing else happens (a message timeout, a deferred message) fires up to this late (upstream nsqd scans for them
     * every 100 ms). The engine's own thread, when it has one, parks no longer either.
     */
    public static final long MAX_WAIT_MILLIS = 10;

    private final IoAgent agent;
    private final Doorbell bell;

    /** @param bell the thread's doorbell, whose ring must wake the agent's selector */
    public SelectorIdleStrategy(final IoAgent agent, final Doorbell bell)
    {
        this.agent = agent;
        this.bell = bell;
    }

    /**
     * For a thread that runs one I/O agent and what drains its commands (nsqlookupd, nsqadmin): nothing but its sockets
     * and the tasks handed to the agent brings it work, and both wake the selector themselves.
     */
    public static SelectorIdleStrategy alone(final IoAgent agent)
    {
        return new SelectorIdleStrategy(agent, new Doorbell());
    }

    @Override
    protected void await()
    {
        try
        {
            if (bell.beginWait())
            {
                agent.awaitWork(MAX_WAIT_MILLIS);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            bell.endWait();
        }
    }

    @Override
    public String alias()
    {
        return "backoff"; // what --idle-strategy names it
    }
}
