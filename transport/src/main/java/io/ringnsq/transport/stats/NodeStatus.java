package io.ringnsq.transport.stats;

import java.time.ZoneId;

/**
 * What /stats and /metrics report beside the engine's snapshot: the daemon's version and start
 * time, the time of the request, and the zone upstream formats {@code start_time} in (Go's
 * {@code time.Local}).
 *
 * @param version            {@code 1.3.0}
 * @param startTimeUnixNanos when the daemon started, nanoseconds since the epoch (the text format
 *                           prints the uptime to the nanosecond)
 * @param nowUnixNanos       the time of this request, nanoseconds since the epoch
 * @param zone               the zone of the text format's {@code start_time}
 */
public record NodeStatus(String version, long startTimeUnixNanos, long nowUnixNanos, ZoneId zone)
{
    /** In the JVM's default zone, as Go uses the process's local zone. */
    public NodeStatus(final String version, final long startTimeUnixNanos, final long nowUnixNanos)
    {
        this(version, startTimeUnixNanos, nowUnixNanos, ZoneId.systemDefault());
    }

    /** {@code start_time} of the JSON: Go's {@code startTime.Unix()}, whole seconds. */
    public long startTimeUnixSeconds()
    {
        return Math.floorDiv(startTimeUnixNanos, 1_000_000_000L);
    }

    /** Upstream's {@code version.String("nsqd")}, {@code nsqd v1.3.0 (built w/go1.21.5)}, with the JVM in place of Go. */
    public String versionLine()
    {
        return "nsqd v" + version + " (built w/java" + Runtime.version().feature() + ")";
    }
}
