package io.ringnsq.core.engine;

/**
 * What every topic and channel pipeline shares: configuration, the message pool, the timer wheel,
 * the work queue, and the time of the current duty cycle (read once per cycle, as agents do).
 */
final class PipelineContext
{
    final EngineConfig config;
    final MessagePool pool;
    final DiskPort disk;
    /** Durable mode (see {@link EngineConfig#durable()}), with a disk to be durable on. */
    final boolean durable;
    /** A topic or channel was created, deleted, paused or unpaused in this duty cycle: nsqd.dat is saved at its end. */
    boolean metadataChanged;
    final WorkQueue work = new WorkQueue();
    /** For sampling; the engine's thread alone draws from it. */
    final java.util.SplittableRandom random = new java.util.SplittableRandom();
    MessageTimers timers;
    /** Told of every topic and channel created or deleted (lookupd registration). */
    TopologyListener topology = TopologyListener.NONE;
    long now;
    long epochNow;

    PipelineContext(final EngineConfig config, final MessagePool pool, final DiskPort disk)
    {
        this.config = config;
        this.pool = pool;
        this.disk = disk;
        this.durable = config.durable() && disk.enabled();
    }
}
