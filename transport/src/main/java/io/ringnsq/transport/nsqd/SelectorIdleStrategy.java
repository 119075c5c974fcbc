package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.ringnsq.core.link.SpinThenWaitIdleStrategy;
import io.ringnsq.transport.nio.IoAgent;

/**
 * {@code backoff} for the shared thread when one I/O agent serves every socket: after the spins and yields it waits in
 * that agent's selector, at most {@link #MAX_WAIT_MILLIS} (backoff's longest park), instead of parking. A message that
 * comes to an idle broker so wakes the thread through the kernel at once, not at the end of a park that had grown to
 * hundreds of microseconds (at 1,000 msg/s parks added about 110 µs to the median publish-to-delivery time here). What
 * else brings work wakes the selector too: the disk agent after posting results, a task handed to the agent. The
 * engine's timers keep the resolution they had, a millisecond.
 */
final class SelectorIdleStrategy extends SpinThenWaitIdleStrategy
{
    static final long MAX_WAIT_MILLIS = 1;

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
