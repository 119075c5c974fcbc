package io.ringnsq.core.store;

import io.ringnsq.core.link.SpinThenWaitIdleStrategy;

/**
 * How the disk agent's thread waits for work: after the spins and yields it parks until the engine hands it a command
 * ({@link DiskLink#wakeAgent()}) or its next timed sync is due. An idle nsqd's disk thread so wakes a few times a second
 * instead of a thousand (Agrona's backoff parks a millisecond at most), and a command that comes to a parked agent is
 * taken at once rather than at the end of its park.
 */
public final class DiskIdleStrategy extends SpinThenWaitIdleStrategy
{
    /** A command waits for the engine to take results: the engine does not ring for that, so look again soon. */
    static final long RESULTS_WAIT_NANOS = 50_000;

    private final DiskLink link;
    private final DiskAgent agent;

    public DiskIdleStrategy(final DiskLink link, final DiskAgent agent)
    {
        this.link = link;
        this.agent = agent;
    }

    @Override
    protected void await()
    {
        link.parkAgent(link.peekCommand() != null ? RESULTS_WAIT_NANOS : agent.nanosToNextTimedSync());
    }

    @Override
    public String alias()
    {
        return "disk";
    }
}
