package io.ringnsq.transport.nsqd;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/** {@code --idle-strategy} names to Agrona idle strategies: what an agent thread does when it found no work. */
public final class IdleStrategies
{
    public static final String BACKOFF = "backoff";
    public static final String SLEEPING = "sleeping";
    public static final String YIELDING = "yielding";
    public static final String BUSY_SPIN = "busy-spin";

    private IdleStrategies()
    {
    }

    public static IdleStrategy create(final String name)
    {
        return switch (name)
        {
            // spin, then yield, then park from 1 us doubling to 1 ms: quick to wake, cheap when idle
            case BACKOFF -> new BackoffIdleStrategy(
                100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            case SLEEPING -> new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            case YIELDING -> new YieldingIdleStrategy();
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            default -> throw new IllegalArgumentException(
                "unknown idle strategy '" + name + "' (backoff, sleeping, yielding, busy-spin)");
        };
    }
}
