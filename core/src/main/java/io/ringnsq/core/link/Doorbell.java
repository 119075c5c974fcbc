package io.ringnsq.core.link;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * How an agent thread that waits for work is woken by the threads that hand it work, at almost no cost to them while it
 * is busy. A producer {@link #ring rings} once a duty cycle in which it published to the waiter's rings (or took from
 * them, freeing room the waiter may be waiting for); the waiter, before it waits, says so and looks whether anyone rang
 * since its last duty cycle. Each side stores, fences, then reads the other's flag, so at least one of them sees the
 * other: either the waiter does not wait, or the producer wakes it. The rung flag is a latch the waiter clears after
 * waiting, before its next duty cycle looks at its rings; a busy waiter leaves it set, so producers then only read it.
 *
 * <p>The wait itself is the waiter's: a park ({@link #park}) that a ring unparks, or a selector's select, woken by the
 * {@link #wakeBy wake} the waiter gives. Waits are bounded by the waiter, so a lost wake-up, were there one, would cost
 * one wait's bound and not a stall.
 */
public final class Doorbell
{
    private volatile boolean rung;
    private volatile boolean waiting;
    private volatile boolean closed;
    private volatile Thread parked;
    /** How a ring wakes the waiter; null: unpark the thread in {@link #park}. */
    private volatile Runnable wake;

    /** Ends the waiter's wait by {@code wake} (a selector's wake-up) instead of unparking it. */
    public Doorbell wakeBy(final Runnable wake)
    {
        this.wake = wake;
        return this;
    }

    /** After publishing: wakes the waiter if it waits; from any thread. */
    public void ring()
    {
        // what was published must be visible before we look whether the waiter waits
        VarHandle.fullFence();
        if (!rung)
        {
            rung = true;
        }
        if (waiting)
        {
            wake();
        }
    }

    /**
     * The waiter is about to wait: true if it may (nobody rang since its last {@link #endWait()} and the bell is open);
     * {@link #endWait()} must follow either way.
     */
    public boolean beginWait()
    {
        waiting = true;
        VarHandle.fullFence();
        return !rung && !closed;
    }

    /** The waiter waited, or chose not to: clears the latch before its duty cycle looks at its rings again. */
    public void endWait()
    {
        waiting = false;
        rung = false;
        VarHandle.fullFence();
    }

    /** Parks the calling thread for up to {@code nanos} unless rung since its last wait, or until rung. */
    public void park(final long nanos)
    {
        parked = Thread.currentThread();
        if (beginWait())
        {
            LockSupport.parkNanos(this, nanos);
        }
        endWait();
    }

    /** From now on the waiter does not wait, and a wait in progress ends (at shutdown, so its runner stops at once). */
    public void close()
    {
        closed = true;
        VarHandle.fullFence();
        if (waiting)
        {
            wake();
        }
    }

    private void wake()
    {
        final Runnable w = wake;
        if (w != null)
        {
            w.run();
            return;
        }
        final Thread t = parked;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }
}
