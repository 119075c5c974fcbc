package io.ringnsq.transport.stats;

import java.util.Arrays;

/**
 * The most recent GC pauses, as Go keeps the last 256 in {@code runtime.MemStats.PauseNs}, and
 * upstream's percentiles over them. Written by the JMX notification thread, read by whoever
 * samples; both hold the lock for a copy of at most 256 longs.
 */
final class GcPauseWindow
{
    /** Go's {@code len(MemStats.PauseNs)}. */
    static final int GO_WINDOW = 256;

    private final long[] pausesNanos;
    private final long[] scratch;
    private long recorded;

    GcPauseWindow(final int capacity)
    {
        pausesNanos = new long[capacity];
        scratch = new long[capacity];
    }

    synchronized void record(final long pauseNanos)
    {
        pausesNanos[(int)(recorded % pausesNanos.length)] = pauseNanos;
        recorded++;
    }

    /** The 100th, 99th and 95th percentiles in microseconds, as {@code getMemStats} computes them. */
    synchronized long[] percentilesMicros()
    {
        final int length = (int)Math.min(recorded, pausesNanos.length);
        System.arraycopy(pausesNanos, 0, scratch, 0, length);
        Arrays.sort(scratch, 0, length);
        return new long[] {
            percentile(100.0, scratch, length) / 1000,
            percentile(99.0, scratch, length) / 1000,
            percentile(95.0, scratch, length) / 1000,
        };
    }

    /**
     * Upstream's {@code percentile} ({@code nsqd/statsd.go}): the element at
     * {@code floor(perc/100 × length + 0.5)}, capped at the last; 0 when empty.
     */
    static long percentile(final double perc, final long[] sorted, final int length)
    {
        if (length == 0)
        {
            return 0;
        }
        int index = (int)Math.floor(perc / 100.0 * length + 0.5);
        if (index >= length)
        {
            index = length - 1;
        }
        return sorted[index];
    }
}
