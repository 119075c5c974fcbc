package io.ringnsq.core.engine;

/**
 * In-flight timeouts and deferred releases on a hashed timer wheel whose slots are intrusive lists of
 * {@link TrackedMessage}s: arming, re-arming (TOUCH) and cancelling (FIN) are O(1) in the usual case, nothing
 * scans every message, and memory does not grow with how many timers share a tick.
 *
 * <p>Agrona's {@code DeadlineTimerWheel} keeps a fixed number of entries per tick and doubles that number for every
 * tick of the wheel when one tick overflows, never shrinking: an RDY 2500 window filled in one burst put 2,500 timers
 * in one tick and left 128 MiB of wheel behind, and restoring many overdue deferred messages at start would ask for
 * gigabytes. Here a tick's slot is a list kept in deadline order (timers mostly arrive in order, so an insert walks
 * back a step or none), and a poll fires from the head of the current slot until the first timer not yet due.
 *
 * <p>The wheel spans {@link #TICKS_PER_WHEEL} ticks of about 1.05 ms (68.7 s, more than the default msg-timeout of
 * 60 s). A deadline beyond the span waits in an overflow list, moved into the wheel every half revolution once it
 * comes within the span.
 */
final class MessageTimers
{
    /** About 1.05 ms. */
    static final long TICK_NANOS = 1L << 20;
    private static final int TICK_SHIFT = 20;
    static final int TICKS_PER_WHEEL = 1 << 16;
    private static final int MASK = TICKS_PER_WHEEL - 1;
    private static final int HALF_MASK = TICKS_PER_WHEEL / 2 - 1;
    private static final int OVERFLOW = -2;

    interface Expiry
    {
        void onExpired(TrackedMessage message);
    }

    private final TrackedMessage[] heads = new TrackedMessage[TICKS_PER_WHEEL];
    private final TrackedMessage[] tails = new TrackedMessage[TICKS_PER_WHEEL];
    /** Timers beyond the wheel's span, in no order. */
    private TrackedMessage overflow;
    private final long startNanos;
    private final Expiry expiry;
    /** The first tick not yet passed: its slot may still hold timers due later in it. */
    private long currentTick;
    private int count;

    MessageTimers(final long startNanos, final Expiry expiry)
    {
        this.startNanos = startNanos;
        this.expiry = expiry;
    }

    void schedule(final TrackedMessage message, final long deadline)
    {
        message.timerDeadline = deadline;
        count++;
        place(message);
    }

    void cancel(final TrackedMessage message)
    {
        if (message.timerSlot != TrackedMessage.NO_TIMER)
        {
            unlink(message);
            count--;
        }
    }

    /** When an armed message's timer falls due, in the engine's monotonic time. */
    long deadline(final TrackedMessage message)
    {
        return message.timerDeadline;
    }

    int count()
    {
        return count;
    }

    /** Fires up to {@code limit} timers due by {@code now}, catching up tick by tick after a pause or a clock jump. */
    int poll(final long now, final int limit)
    {
        final long nowTick = tickOf(now);
        int fired = 0;
        while (fired < limit)
        {
            final int slot = (int)(currentTick & MASK);
            TrackedMessage m = heads[slot];
            while (m != null && m.timerDeadline - now <= 0 && fired < limit)
            {
                unlink(m);
                count--;
                fired++;
                expiry.onExpired(m); // may arm timers, this slot's included: the head is read again
                m = heads[slot];
            }
            if (fired >= limit || currentTick >= nowTick)
            {
                break;
            }
            currentTick++;
            if ((currentTick & HALF_MASK) == 0)
            {
                promoteOverflow();
            }
        }
        return fired;
    }

    private long tickOf(final long time)
    {
        return (time - startNanos) >> TICK_SHIFT;
    }

    /** Into the slot of its tick (a past deadline into the current tick's), or the overflow list when beyond the span. */
    private void place(final TrackedMessage m)
    {
        final long tick = Math.max(tickOf(m.timerDeadline), currentTick);
        if (tick - currentTick >= TICKS_PER_WHEEL)
        {
            m.timerSlot = OVERFLOW;
            m.timerPrev = null;
            m.timerNext = overflow;
            if (overflow != null)
            {
                overflow.timerPrev = m;
            }
            overflow = m;
            return;
        }
        final int slot = (int)(tick & MASK);
        m.timerSlot = slot;
        TrackedMessage after = tails[slot];
        while (after != null && after.timerDeadline - m.timerDeadline > 0)
        {
            after = after.timerPrev;
        }
        m.timerPrev = after;
        m.timerNext = after == null ? heads[slot] : after.timerNext;
        if (m.timerNext == null)
        {
            tails[slot] = m;
        }
        else
        {
            m.timerNext.timerPrev = m;
        }
        if (after == null)
        {
            heads[slot] = m;
        }
        else
        {
            after.timerNext = m;
        }
    }

    private void unlink(final TrackedMessage m)
    {
        final TrackedMessage prev = m.timerPrev;
        final TrackedMessage next = m.timerNext;
        if (m.timerSlot == OVERFLOW)
        {
            if (prev == null)
            {
                overflow = next;
            }
        }
        else if (prev == null)
        {
            heads[m.timerSlot] = next;
        }
        if (prev != null)
        {
            prev.timerNext = next;
        }
        if (next != null)
        {
            next.timerPrev = prev;
        }
        else if (m.timerSlot != OVERFLOW)
        {
            tails[m.timerSlot] = prev;
        }
        m.timerSlot = TrackedMessage.NO_TIMER;
        m.timerPrev = null;
        m.timerNext = null;
    }

    /** Every half revolution: the overflow timers that are now within the wheel's span move into it. */
    private void promoteOverflow()
    {
        TrackedMessage m = overflow;
        while (m != null)
        {
            final TrackedMessage next = m.timerNext;
            if (tickOf(m.timerDeadline) - currentTick < TICKS_PER_WHEEL)
            {
                unlink(m);
                place(m);
            }
            m = next;
        }
    }
}
