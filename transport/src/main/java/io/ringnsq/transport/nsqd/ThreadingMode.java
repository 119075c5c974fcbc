package io.ringnsq.transport.nsqd;

/**
 * How nsqd's agents map onto threads. The thread count never depends on topics, channels or
 * connections, only on this choice and the number of I/O agents.
 */
public enum ThreadingMode
{
    /** One thread runs every agent in turn (I/O, engine): no cross-thread hand-off; best on 1-2 cores. */
    SHARED,
    /** Each agent on its own thread (cores pinnable): I/O agents and the engine run in parallel. */
    DEDICATED;

    /** SHARED on machines with two cores or fewer, where a second busy thread competes with clients. */
    public static ThreadingMode defaultFor(final int availableProcessors)
    {
        return availableProcessors <= 2 ? SHARED : DEDICATED;
    }
}
