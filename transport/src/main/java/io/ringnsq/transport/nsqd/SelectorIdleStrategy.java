package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.ringnsq.core.link.SpinThenWaitIdleStrategy;
import io.ringnsq.transport.nio.IoAgent;

/**
 * {@code backoff} for the shared thread when one I/O agent serves every socket: after the spins and yields it waits in
 * that agent's selector, at most {@link #MAX_WAIT_MILLIS}, instead of parking. A message that comes to an idle broker so
 * wakes the thread through the kernel at once, not at the end of a park that had grown to hundreds of microseconds (at
 * 1,000 msg/s parks added about 110 µs to the median publish-to-delivery time here). What else brings work wakes the
 * selector too: the disk agent after posting results, the lookupd registration after answering, a task handed to the
 * agent. Only the timers wait out the bound: a message timeout or a deferred message due while nothing else happens
 * fires up to 10 ms late (upstream nsqd scans for them every 100 ms), and an idle broker's thread wakes a hundred times
 * a second instead of a thousand.
 */
final class SelectorIdleStrategy extends SpinThenWaitIdleStrategy
{
    static final long MAX_WAIT_MILLIS = 10;

    private final IoAgent agent;

    SelectorIdleStrategy(final IoAgent agent)
    {
        this.agent = agent;
    }

    @Override
    protected void await()
    {
        try
        {
            agent.awaitWork(MAX_WAIT_MILLIS);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String alias()
    {
        return IdleStrategies.BACKOFF;
    }
}
