package io.ringnsq.core.disk;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * Chronicle rolls by time; a queue rolls by size. Chronicle's clock therefore reads the roll cycle the queue has
 * chosen, as the start time of that cycle, and moves only when the queue rolls.
 */
final class CycleClock implements TimeProvider
{
    private final long cycleLengthMs;
    private int cycle;

    CycleClock(final long cycleLengthMs)
    {
        this.cycleLengthMs = cycleLengthMs;
    }

    int cycle()
    {
        return cycle;
    }

    void cycle(final int cycle)
    {
        if (cycle < this.cycle)
        {
            throw new IllegalArgumentException("roll cycles only go up: " + cycle + " < " + this.cycle);
        }
        this.cycle = cycle;
    }

    @Override
    public long currentTimeMillis()
    {
        return cycle * cycleLengthMs;
    }
}
