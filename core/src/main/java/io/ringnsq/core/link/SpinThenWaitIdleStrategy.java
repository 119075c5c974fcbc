package io.ringnsq.core.link;

import org.agrona.concurrent.IdleStrategy;

/**
 * Agrona's backoff with its parks replaced by a wait that work can end: an idle agent thread spins and yields a little
 * (work usually comes in bursts, microseconds apart), then waits in the way its subclass knows it will be woken from
 * (a selector, a park the producer unparks), up to a bound of the subclass's. A parked thread only wakes when its park
 * ends, and on a virtual machine each timed wake-up costs tens of microseconds of a core.
 */
public abstract class SpinThenWaitIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;

    private int idles;

    @Override
    public final void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idles = 0;
        }
        else
        {
            idle();
        }
    }

    @Override
    public final void idle()
    {
        if (idles < SPINS)
        {
            idles++;
            Thread.onSpinWait();
        }
        else if (idles < SPINS + YIELDS)
        {
            idles++;
            Thread.yield();
        }
        else
        {
            await();
        }
    }

    @Override
    public final void reset()
    {
        idles = 0;
    }

    /** Waits for work, once the spins and yields found none, until woken or the subclass's bound passes. */
    protected abstract void await();
}
