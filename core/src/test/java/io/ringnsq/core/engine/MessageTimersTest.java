package io.ringnsq.core.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTimersTest
{
    private final List<TrackedMessage> fired = new ArrayList<>();
    private final MessageTimers timers = new MessageTimers(0, fired::add);

    @Test
    void shouldFireOnlyAtOrAfterTheDeadline()
    {
        final TrackedMessage m = message(1);
        timers.schedule(m, 5_000_000L);
        timers.poll(4_000_000L, 100);
        assertTrue(fired.isEmpty());
        timers.poll(6_000_000L, 100);
        assertEquals(List.of(m), fired);
        assertEquals(TrackedMessage.NO_TIMER, m.timerSlot);
    }

    @Test
    void shouldCatchUpAfterALongClockJump()
    {
        timers.schedule(message(1), 100_000_000L);
        timers.schedule(message(2), 600_000_000_000L);
        timers.poll(10_000_000_000L, 100);
        assertEquals(1, fired.size());
        timers.poll(601_000_000_000L, 100);
        assertEquals(2, fired.size());
    }

    @Test
    void shouldNotFireACancelledTimer()
    {
        final TrackedMessage a = message(1);
        timers.schedule(a, 1_000_000L);
        timers.cancel(a);
        timers.cancel(a); // cancelling twice is harmless
        final TrackedMessage b = message(2);
        timers.schedule(b, 1_000_000L);
        timers.poll(2_000_000L, 100);
        assertEquals(List.of(b), fired);
    }

    @Test
    void shouldFireTimersSharingATickInDeadlineOrderAndStopAtTheLimit()
    {
        final List<TrackedMessage> burst = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            final TrackedMessage m = message(i);
            timers.schedule(m, 60_000_000_000L + (i % 2 == 0 ? 500 : 100)); // one tick, two deadlines, interleaved
            burst.add(m);
        }
        timers.poll(60_000_000_000L + 99, 100_000);
        assertTrue(fired.isEmpty(), "none due yet");
        assertEquals(4_000, timers.poll(60_000_000_000L + 100, 4_000), "the limit bounds one poll");
        assertTrue(fired.stream().allMatch(m -> m.id % 2 == 1), "the earlier deadline first");
        assertEquals(1_000, timers.poll(60_000_000_000L + 100, 100_000));
        assertEquals(5_000, timers.poll(60_000_000_000L + 500, 100_000));
        assertEquals(0, timers.count());
        assertEquals(burst.size(), fired.size());
    }

    @Test
    void shouldKeepDeadlinesBeyondTheWheelsSpanAndFireThemOnTime()
    {
        final long span = MessageTimers.TICKS_PER_WHEEL * MessageTimers.TICK_NANOS;
        final TrackedMessage far = message(1);
        final TrackedMessage farther = message(2);
        timers.schedule(far, 3 * span + 7);
        timers.schedule(farther, 10 * span);
        final TrackedMessage cancelled = message(3);
        timers.schedule(cancelled, 2 * span);
        timers.cancel(cancelled);
        for (long now = 0; now < 3 * span + 7; now += span / 7)
        {
            timers.poll(now, 100);
        }
        assertTrue(fired.isEmpty(), "nothing before its deadline");
        timers.poll(3 * span + 7, 100);
        assertEquals(List.of(far), fired);
        timers.poll(10 * span - 1, 100);
        assertEquals(List.of(far), fired);
        timers.poll(10 * span, 100);
        assertEquals(List.of(far, farther), fired);
    }

    @Test
    void shouldReArmAMessageFromItsOwnExpiry()
    {
        final List<Long> firedAt = new ArrayList<>();
        final long[] now = {0};
        final MessageTimers[] self = new MessageTimers[1];
        self[0] = new MessageTimers(0, m ->
        {
            firedAt.add(now[0]);
            if (firedAt.size() < 3)
            {
                self[0].schedule(m, now[0] + 5_000_000L); // a timed-out message delivered again
            }
        });
        self[0].schedule(message(1), 5_000_000L);
        for (now[0] = 0; now[0] <= 20_000_000L; now[0] += 1_000_000L)
        {
            self[0].poll(now[0], 100);
        }
        assertEquals(List.of(5_000_000L, 10_000_000L, 15_000_000L), firedAt);
    }

    private static TrackedMessage message(final long id)
    {
        final TrackedMessage m = new TrackedMessage();
        m.id = id;
        return m;
    }
}
