package io.ringnsq.core.store;

import io.ringnsq.core.link.SpinThenWaitIdleStrategy;

/**
 * How the disk agent's thread waits for work: after the spins and yields it parks until the engine hands it a command
 * or takes results a waiting command needs room for ({@link DiskLink#wakeAgent()}), or its next timed sync is due. An idle nsqd's disk thread so wakes a few times a second
 * instead of a thousand (Agrona's backoff parks a millisecond at most), and a command that comes to a parked agent is
 * taken at once rather than at the end of its park.
 */
public final class DiskIdleStrategy extends SpinThenWaitIdleStrategy
{
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
        link.parkAgent(agent.nanosToNextTimedSync());
    }

    @Override
    public String alias()
    {
        return "disk";
    }
}
