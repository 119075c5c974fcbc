package io.ringnsq.core.store;

import org.agrona.concurrent.IdleStrategy;

/**
 * How the disk agent's thread waits for work: it spins and yields a little (commands come in bursts), then parks until
 * the engine hands it a command ({@link DiskLink#wakeAgent()}) or its next timed sync is due. An idle nsqd's disk
 * thread so wakes a few times a second instead of a thousand (Agrona's backoff parks a millisecond at most), and a
 * command that comes to a parked agent is taken at once rather than at the end of its park.
 */
public final class DiskIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;
    /** A command waits for the engine to take results: the engine does not ring for that, so look again soon. */
    static final long RESULTS_WAIT_NANOS = 50_000;

    private final DiskLink link;
    private final DiskAgent agent;
    private int idles;

    public DiskIdleStrategy(final DiskLink link, final DiskAgent agent)
    {
        this.link = link;
        this.agent = agent;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (idles < SPINS)
        {
            idles++;
            Thread.onSpinWait();
        }
        else if (idles < SPINS + YIELDS)
        {
            idles++;
            Thread.yield();
        }
        else
        {
            link.parkAgent(link.peekCommand() != null ? RESULTS_WAIT_NANOS : agent.nanosToNextTimedSync());
        }
    }

    @Override
    public void reset()
    {
        idles = 0;
    }

    @Override
    public String alias()
    {
        return "disk";
    }
}
