package io.ringnsq.core.time;

import java.time.Duration;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

/**
 * A clock that moves only when told to: tests inject it into the engine and the I/O agents and
 * advance it instead of sleeping. It is the monotonic clock (timers); {@link #asEpochClock()} gives the
 * matching wall clock (message timestamps), which starts at a fixed epoch offset and moves with it.
 */
public final class ManualClock implements NanoClock
{
    /** 2026-01-01T00:00:00Z, so timestamps and message ids look like real ones. */
    public static final long DEFAULT_EPOCH_NANOS = 1_767_225_600_000_000_000L;

    private final long epochOffsetNanos;
    private volatile long nanos;

    public ManualClock()
    {
        this(DEFAULT_EPOCH_NANOS);
    }

    public ManualClock(final long epochOffsetNanos)
    {
        this.epochOffsetNanos = epochOffsetNanos;
    }

    /** Monotonic time: starts at 0. */
    @Override
    public long nanoTime()
    {
        return nanos;
    }

    /** Wall-clock time in nanoseconds since the Unix epoch. */
    public long epochNanos()
    {
        return epochOffsetNanos + nanos;
    }

    public EpochNanoClock asEpochClock()
    {
        return this::epochNanos;
    }

    public void advance(final Duration duration)
    {
        advanceNanos(duration.toNanos());
    }

    public void advanceMillis(final long millis)
    {
        advanceNanos(millis * 1_000_000L);
    }

    public synchronized void advanceNanos(final long delta)
    {
        if (delta < 0)
        {
            throw new IllegalArgumentException("a clock does not go back: " + delta);
        }
        nanos += delta;
    }
}
