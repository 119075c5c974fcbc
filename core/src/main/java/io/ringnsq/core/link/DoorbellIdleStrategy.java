package io.ringnsq.core.link;

import java.util.function.LongSupplier;

/**
 * An agent thread of its own that, once the spins and yields found no work, parks until one of the threads that hand
 * it work rings its {@link Doorbell}, or its bound passes: what its timers can be late by (the engine), or the time to
 * its next timed duty (the disk agent's sync).
 */
public final class DoorbellIdleStrategy extends SpinThenWaitIdleStrategy
{
    private final Doorbell bell;
    private final LongSupplier maxWaitNanos;
    private final String alias;

    public DoorbellIdleStrategy(final Doorbell bell, final LongSupplier maxWaitNanos, final String alias)
    {
        this.bell = bell;
        this.maxWaitNanos = maxWaitNanos;
        this.alias = alias;
    }

    @Override
    protected void await()
    {
        bell.park(maxWaitNanos.getAsLong());
    }

    @Override
    public String alias()
    {
        return alias;
    }
}
