package io.ringnsq.core.engine;

import java.util.concurrent.TimeUnit;

/** The engine's share of nsqd's options; fluent, checked by {@link #conclude()}. */
public final class EngineConfig
{
    private long memQueueSize = 10_000;
    private long msgTimeoutNs = TimeUnit.SECONDS.toNanos(60);
    private long maxMsgTimeoutNs = TimeUnit.MINUTES.toNanos(15);
    private int nodeId;
    private double[] e2ePercentiles = new double[0];
    private long e2eWindowNs = TimeUnit.MINUTES.toNanos(10);
    private int maxChannelConsumers;
    private int commandRingCapacity = 16 * 1024;
    private int outboundRingCapacity = 64 * 1024;
    private long syncEvery = 2500;

    public EngineConfig conclude()
    {
        if (memQueueSize < 0)
        {
            throw new IllegalArgumentException("mem-queue-size must not be negative");
        }
        if (msgTimeoutNs <= 0 || maxMsgTimeoutNs < 0)
        {
            throw new IllegalArgumentException("msg timeouts must be positive");
        }
        for (final double q : e2ePercentiles)
        {
            if (!(q > 0 && q <= 1))
            {
                throw new IllegalArgumentException("e2e processing latency percentile must be in (0,1]: " + q);
            }
        }
        if (syncEvery < 1)
        {
            throw new IllegalArgumentException("sync-every must be at least 1");
        }
        if (maxChannelConsumers < 0)
        {
            throw new IllegalArgumentException("max-channel-consumers must not be negative");
        }
        return this;
    }

    public long memQueueSize()
    {
        return memQueueSize;
    }

    public EngineConfig memQueueSize(final long memQueueSize)
    {
        this.memQueueSize = memQueueSize;
        return this;
    }

    public long msgTimeoutNs()
    {
        return msgTimeoutNs;
    }

    public EngineConfig msgTimeoutNs(final long msgTimeoutNs)
    {
        this.msgTimeoutNs = msgTimeoutNs;
        return this;
    }

    public long maxMsgTimeoutNs()
    {
        return maxMsgTimeoutNs;
    }

    public EngineConfig maxMsgTimeoutNs(final long maxMsgTimeoutNs)
    {
        this.maxMsgTimeoutNs = maxMsgTimeoutNs;
        return this;
    }

    public int nodeId()
    {
        return nodeId;
    }

    public EngineConfig nodeId(final int nodeId)
    {
        this.nodeId = nodeId;
        return this;
    }

    /** {@code --e2e-processing-latency-percentile}: quantiles in (0,1], in the order given; none = off. */
    public double[] e2ePercentiles()
    {
        return e2ePercentiles;
    }

    public EngineConfig e2ePercentiles(final double[] e2ePercentiles)
    {
        this.e2ePercentiles = e2ePercentiles.clone();
        return this;
    }

    public long e2eWindowNs()
    {
        return e2eWindowNs;
    }

    public EngineConfig e2eWindowNs(final long e2eWindowNs)
    {
        this.e2eWindowNs = e2eWindowNs;
        return this;
    }

    /** {@code --max-channel-consumers}: 0 = unlimited. */
    public int maxChannelConsumers()
    {
        return maxChannelConsumers;
    }

    public EngineConfig maxChannelConsumers(final int maxChannelConsumers)
    {
        this.maxChannelConsumers = maxChannelConsumers;
        return this;
    }

    /** {@code --sync-every}: the disk agent syncs a queue after this many writes and reads. */
    public long syncEvery()
    {
        return syncEvery;
    }

    public EngineConfig syncEvery(final long syncEvery)
    {
        this.syncEvery = syncEvery;
        return this;
    }

    /**
     * Durable mode, {@code --mem-queue-size=0 --sync-every=1}: a publish is answered once it is synced to
     * disk, and a message's entry stays on disk until it is finished, so a crash loses nothing answered.
     */
    public boolean durable()
    {
        return memQueueSize == 0 && syncEvery == 1;
    }

    public int commandRingCapacity()
    {
        return commandRingCapacity;
    }

    public EngineConfig commandRingCapacity(final int commandRingCapacity)
    {
        this.commandRingCapacity = commandRingCapacity;
        return this;
    }

    public int outboundRingCapacity()
    {
        return outboundRingCapacity;
    }

    public EngineConfig outboundRingCapacity(final int outboundRingCapacity)
    {
        this.outboundRingCapacity = outboundRingCapacity;
        return this;
    }
}
