package io.ringnsq.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.ringnsq.core.link.ParkedThreads;
import org.junit.jupiter.api.Test;

/**
 * The disk agent's idle wait: it parks until the engine hands it a command, takes results, or its next timed sync is
 * due, and shutdown can end the park. The parks asked for here are a minute long, so a thread that comes back within the test's bound was
 * woken, not timed out.
 */
class DiskAgentWakeTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long BOUND_MS = TimeUnit.SECONDS.toMillis(20);

    private final DiskLink link = new DiskLink(64, 64);

    @Test
    void shouldWakeAParkedAgentWhenTheEngineHandsItACommand() throws Exception
    {
        final Thread agent = parkInBackground();
        publishCommand();
        link.wakeAgent();
        agent.join(BOUND_MS);
        assertFalse(agent.isAlive(), "the parked agent was not woken by the command");
    }

    @Test
    void shouldNotParkWhenTheEngineRangBeforeThePark() throws Exception
    {
        publishCommand();
        link.wakeAgent();
        final Thread agent = new Thread(() -> link.agentBell().park(MINUTE));
        agent.start();
        agent.join(BOUND_MS);
        assertFalse(agent.isAlive(), "the agent parked with a command handed to it");
    }

    @Test
    void shouldWakeAnAgentWaitingForResultRoomWhenTheEngineTakesResults() throws Exception
    {
        link.publishResult(link.claimResult());
        final Thread agent = parkInBackground();
        link.pollResults((result, sequence, endOfBatch) -> true);
        link.wakeAgent();
        agent.join(BOUND_MS);
        assertFalse(agent.isAlive(), "taking results did not wake the agent");
    }

    @Test
    void shouldEndTheParkAndParkNoMoreOnceStopped() throws Exception
    {
        final Thread agent = parkInBackground();
        link.agentBell().close();
        agent.join(BOUND_MS);
        assertFalse(agent.isAlive(), "closing the bell did not end the park");
        final Thread again = new Thread(() -> link.agentBell().park(MINUTE));
        again.start();
        again.join(BOUND_MS);
        assertFalse(again.isAlive(), "the agent parked after the bell closed");
    }

    @Test
    void shouldParkNoLongerThanUntilTheNextTimedSync()
    {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final long syncTimeout = TimeUnit.SECONDS.toNanos(2);
        final DiskAgent agent = new DiskAgent(link, new MemoryStoreOpener(), m -> { }, 2500, syncTimeout, now::get, new DiskHealth());
        assertEquals(DiskAgent.MAX_PARK_NANOS, agent.nanosToNextTimedSync(), "far from the timed sync: the longest park");
        now.addAndGet(syncTimeout - TimeUnit.MILLISECONDS.toNanos(30));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(30), agent.nanosToNextTimedSync());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(1_000, agent.nanosToNextTimedSync(), "a timed sync overdue: a microsecond, then the duty cycle does it");
    }

    private Thread parkInBackground() throws InterruptedException
    {
        return ParkedThreads.startParked("disk-agent", () -> link.agentBell().park(MINUTE), BOUND_MS);
    }

    private void publishCommand()
    {
        link.publishCommand(link.claimCommand());
    }
}
