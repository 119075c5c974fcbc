package io.ringnsq.core.time;

import org.agrona.DeadlineTimerWheel;

/** Polling an Agrona {@link DeadlineTimerWheel} the way every ringnsq agent needs it. */
public final class TimerWheels
{
    private TimerWheels()
    {
    }

    /**
     * Fires every timer due by {@code now}, up to {@code limit}. A wheel's {@code poll} advances at
     * most one tick per call, so after a pause or a clock jump this keeps polling until the wheel has
     * caught up with {@code now}; with no timers it jumps straight there.
     */
    public static int pollDue(
        final DeadlineTimerWheel wheel, final long now, final DeadlineTimerWheel.TimerHandler handler, final int limit)
    {
        if (wheel.timerCount() == 0)
        {
            wheel.currentTickTime(now);
            return 0;
        }
        int expired = 0;
        while (true)
        {
            final long tickEnd = wheel.currentTickTime();
            expired += wheel.poll(now, handler, limit - expired);
            if (expired >= limit || now < tickEnd)
            {
                return expired;
            }
        }
    }
}
