package io.ringnsq.core.engine;

/**
 * What every topic and channel pipeline shares: configuration, the message pool, the timer wheel,
 * the work queue, and the time of the current duty cycle (read once per cycle, as agents do).
 */
final class PipelineContext
{
    final EngineConfig config;
    final MessagePool pool;
    final WorkQueue work = new WorkQueue();
    /** For sampling; the engine's thread alone draws from it. */
    final java.util.SplittableRandom random = new java.util.SplittableRandom();
    MessageTimers timers;
    long now;
    long epochNow;

    PipelineContext(final EngineConfig config, final MessagePool pool)
    {
        this.config = config;
        this.pool = pool;
    }
}
