package io.ringnsq.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

/** Starts a thread that parks and returns it once it is parked, for tests of what wakes it. */
public final class ParkedThreads
{
    private ParkedThreads()
    {
    }

    /** Runs {@code park} (a long timed park) on a new thread; fails unless the thread parks within {@code boundMs}. */
    public static Thread startParked(final String name, final Runnable park, final long boundMs) throws InterruptedException
    {
        final Thread thread = new Thread(park, name);
        thread.start();
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - until < 0)
        {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.TIMED_WAITING, thread.getState(), name + " did not park");
        return thread;
    }
}
