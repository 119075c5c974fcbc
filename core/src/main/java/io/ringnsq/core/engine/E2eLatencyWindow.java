package io.ringnsq.core.engine;

import org.HdrHistogram.Histogram;

/**
 * A channel's end-to-end processing latency (publish to FIN) over a sliding window, as upstream keeps
 * it: two halves of {@code --e2e-processing-latency-window-time}, the older dropped each time the newer
 * fills. Upstream uses biased-quantile streams; a histogram gives the same answers, exactly to three
 * significant digits, and records without allocating.
 */
final class E2eLatencyWindow
{
    private static final int SIGNIFICANT_DIGITS = 3;

    private final long halfWindowNs;
    private Histogram current = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram previous = new Histogram(SIGNIFICANT_DIGITS);
    /** Exact extremes of each half: a histogram's answer is clamped into them, so a lone sample is exact. */
    private long currentMin = Long.MAX_VALUE;
    private long currentMax = Long.MIN_VALUE;
    private long previousMin = Long.MAX_VALUE;
    private long previousMax = Long.MIN_VALUE;
    private long rotateAt;

    E2eLatencyWindow(final long windowNs, final long now)
    {
        this.halfWindowNs = Math.max(1, windowNs / 2);
        this.rotateAt = now + halfWindowNs;
    }

    void record(final long latencyNs, final long now)
    {
        rotateIfDue(now);
        final long value = Math.max(0, latencyNs); // a wall clock stepping back must not throw
        current.recordValue(value);
        currentMin = Math.min(currentMin, value);
        currentMax = Math.max(currentMax, value);
    }

    /** Adds this window's samples to {@code into} (a channel's for itself, every channel's for a topic). */
    void addTo(final Merged into, final long now)
    {
        rotateIfDue(now);
        into.histogram.add(previous);
        into.histogram.add(current);
        into.min = Math.min(into.min, Math.min(previousMin, currentMin));
        into.max = Math.max(into.max, Math.max(previousMax, currentMax));
    }

    private void rotateIfDue(final long now)
    {
        if (now - rotateAt < 0)
        {
            return;
        }
        final Histogram oldest = previous;
        previous = current;
        previousMin = currentMin;
        previousMax = currentMax;
        current = oldest;
        current.reset();
        currentMin = Long.MAX_VALUE;
        currentMax = Long.MIN_VALUE;
        if (now - rotateAt >= halfWindowNs)
        {
            previous.reset(); // idle for a whole window: nothing in it is recent
            previousMin = Long.MAX_VALUE;
            previousMax = Long.MIN_VALUE;
        }
        rotateAt = now + halfWindowNs;
    }

    /** Windows merged for one answer: a channel's own, or every channel's for its topic. */
    static final class Merged
    {
        final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;

        long count()
        {
            return histogram.getTotalCount();
        }

        /** The quantile's value, within the exact extremes (the histogram is exact to 3 digits). */
        double valueAt(final double quantile)
        {
            if (histogram.getTotalCount() == 0)
            {
                return 0;
            }
            final long value = histogram.getValueAtPercentile(quantile * 100.0);
            return Math.max(min, Math.min(max, value));
        }
    }
}
