package io.ringnsq.core.engine;

import java.util.concurrent.TimeUnit;

import io.ringnsq.core.time.TimerWheels;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * In-flight timeouts and deferred releases on an Agrona {@link DeadlineTimerWheel}: arming,
 * re-arming (TOUCH) and cancelling (FIN) are O(1), and nothing scans every message.
 *
 * <p>The wheel reuses a timer id once its slot frees, so a message's {@code timerId} is cleared
 * whenever its timer fires or is cancelled; a stale id is never cancelled.
 */
final class MessageTimers implements DeadlineTimerWheel.TimerHandler
{
    /** About 1.05 ms: the wheel's tick must be a power of two. */
    static final long TICK_NANOS = 1L << 20;
    static final int TICKS_PER_WHEEL = 4096;

    interface Expiry
    {
        void onExpired(TrackedMessage message);
    }

    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<TrackedMessage> byTimerId = new Long2ObjectHashMap<>();
    private final Expiry expiry;

    MessageTimers(final long startNanos, final Expiry expiry)
    {
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, startNanos, TICK_NANOS, TICKS_PER_WHEEL);
        this.expiry = expiry;
    }

    void schedule(final TrackedMessage message, final long deadline)
    {
        final long timerId = wheel.scheduleTimer(deadline);
        byTimerId.put(timerId, message);
        message.timerId = timerId;
    }

    void cancel(final TrackedMessage message)
    {
        if (message.timerId != TrackedMessage.NO_TIMER)
        {
            wheel.cancelTimer(message.timerId);
            byTimerId.remove(message.timerId);
            message.timerId = TrackedMessage.NO_TIMER;
        }
    }

    /** When an armed message's timer falls due, in the wheel's (monotonic) time. */
    long deadline(final TrackedMessage message)
    {
        return wheel.deadline(message.timerId);
    }

    int count()
    {
        return byTimerId.size();
    }

    /** Fires every timer due by {@code now}, catching up after a pause or a clock jump. */
    int poll(final long now, final int limit)
    {
        return TimerWheels.pollDue(wheel, now, this, limit);
    }

    @Override
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final TrackedMessage message = byTimerId.remove(timerId);
        if (message != null)
        {
            message.timerId = TrackedMessage.NO_TIMER;
            expiry.onExpired(message);
        }
        return true;
    }
}
