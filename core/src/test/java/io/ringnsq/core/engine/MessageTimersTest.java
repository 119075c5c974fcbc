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
        assertEquals(TrackedMessage.NO_TIMER, m.timerId);
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
    void shouldNotFireCancelledTimerNorCancelAReusedSlot()
    {
        final TrackedMessage a = message(1);
        timers.schedule(a, 1_000_000L);
        timers.cancel(a);
        timers.cancel(a); // cancelling twice is harmless: the id was dropped
        final TrackedMessage b = message(2);
        timers.schedule(b, 1_000_000L);
        timers.poll(2_000_000L, 100);
        assertEquals(List.of(b), fired);
    }

    private static TrackedMessage message(final long id)
    {
        final TrackedMessage m = new TrackedMessage();
        m.id = id;
        return m;
    }
}
