package io.ringnsq.core.link;

/**
 * An agent thread of its own that, once the spins and yields found no work, parks until one of the threads that hand
 * it work rings its {@link Doorbell}, or {@code maxWaitNanos} passes (what its timers can be late by).
 */
public final class DoorbellIdleStrategy extends SpinThenWaitIdleStrategy
{
    private final Doorbell bell;
    private final long maxWaitNanos;
    private final String alias;

    public DoorbellIdleStrategy(final Doorbell bell, final long maxWaitNanos, final String alias)
    {
        this.bell = bell;
        this.maxWaitNanos = maxWaitNanos;
        this.alias = alias;
    }

    @Override
    protected void await()
    {
        bell.park(maxWaitNanos);
    }

    @Override
    public String alias()
    {
        return alias;
    }
}
