package io.ringnsq.core.stats;

import java.util.List;

/**
 * End-to-end processing latency (publish to FIN) over the configured window: {@code count} samples
 * and one value in nanoseconds per configured quantile, in the order the quantiles were given;
 * {@code percentiles} is null when none are configured (upstream's {"count":0,"percentiles":null}).
 */
public record E2eLatency(long count, List<Percentile> percentiles)
{
    public static final E2eLatency OFF = new E2eLatency(0, null);

    public record Percentile(double quantile, double value)
    {
    }
}
