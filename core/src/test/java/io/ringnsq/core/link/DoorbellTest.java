package io.ringnsq.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The doorbell between agent threads: a ring wakes a waiter, a ring before the wait keeps it from waiting, a ring to a
 * busy waiter costs no wake-up. The parks asked for are a minute long, so a thread back within the bound was woken.
 */
class DoorbellTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long BOUND_MS = TimeUnit.SECONDS.toMillis(20);

    private final Doorbell bell = new Doorbell();

    @Test
    void shouldWakeAParkedWaiterWhenRung() throws Exception
    {
        final Thread waiter = parkInBackground();
        bell.ring();
        waiter.join(BOUND_MS);
        assertFalse(waiter.isAlive(), "the ring did not end the park");
    }

    @Test
    void shouldNotWaitWhenRungSinceTheLastWaitAndWaitAgainAfterwards()
    {
        bell.ring();
        assertFalse(bell.beginWait(), "rung before the wait: the waiter must look at its rings first");
        bell.endWait();
        assertTrue(bell.beginWait(), "nothing rung since: the waiter may wait");
        bell.endWait();
    }

    @Test
    void shouldWakeBySelectorOnlyWhileTheWaiterWaits()
    {
        final AtomicInteger wakes = new AtomicInteger();
        bell.wakeBy(wakes::incrementAndGet);
        bell.ring();
        assertEquals(0, wakes.get(), "a busy waiter needs no wake-up");
        bell.endWait();
        assertTrue(bell.beginWait());
        bell.ring();
        assertEquals(1, wakes.get(), "a waiting waiter is woken");
        bell.endWait();
    }

    @Test
    void shouldEndTheWaitAndWaitNoMoreOnceClosed() throws Exception
    {
        final Thread waiter = parkInBackground();
        bell.close();
        waiter.join(BOUND_MS);
        assertFalse(waiter.isAlive(), "close did not end the park");
        assertFalse(bell.beginWait(), "a closed bell lets nobody wait");
        bell.endWait();
    }

    private Thread parkInBackground() throws InterruptedException
    {
        return ParkedThreads.startParked("waiter", () -> bell.park(MINUTE), BOUND_MS);
    }
}
