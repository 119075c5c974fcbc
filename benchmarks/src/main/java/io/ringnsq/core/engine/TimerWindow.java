package io.ringnsq.core.engine;

/**
 * The engine's {@link MessageTimers} with a window of messages to arm, cancel and expire, for the timer benchmarks.
 * It sits in the engine's package (in the benchmarks jar only) because the timers are internal to the engine.
 */
public final class TimerWindow
{
    private final TrackedMessage[] messages;
    private final MessageTimers timers;
    private int expired;

    public TimerWindow(final int size, final long startNanos)
    {
        messages = new TrackedMessage[size];
        for (int i = 0; i < size; i++)
        {
            messages[i] = new TrackedMessage();
            messages[i].id = i;
        }
        timers = new MessageTimers(startNanos, m -> expired++);
    }

    /** About 1.05 ms: the wheel's tick. */
    public static long tickNanos()
    {
        return MessageTimers.TICK_NANOS;
    }

    /** Arms every message, {@code perTick} to a tick, from {@code start}. */
    public void armAll(final long start, final int perTick)
    {
        for (int i = 0; i < messages.length; i++)
        {
            timers.schedule(messages[i], start + (i / perTick) * MessageTimers.TICK_NANOS);
        }
    }

    /** Cancels every message's timer, in the order they were armed (FIN in delivery order). */
    public void cancelAll()
    {
        for (final TrackedMessage m : messages)
        {
            timers.cancel(m);
        }
    }

    /** Fires every timer due by {@code now}; returns how many fired. */
    public int expireAll(final long now)
    {
        expired = 0;
        timers.poll(now, Integer.MAX_VALUE);
        return expired;
    }

    public int armed()
    {
        return timers.count();
    }
}
