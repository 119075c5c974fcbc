package io.ringnsq.transport.v2;

import java.util.concurrent.TimeUnit;

/**
 * The V2 protocol's limits and defaults, from nsqd's options: what the decoder checks sizes and
 * values against, and what the IDENTIFY response reports.
 */
public final class V2Limits
{
    public static final String VERSION = "1.3.0";
    public static final int DEFAULT_OUTPUT_BUFFER_SIZE = 16 * 1024;
    public static final int DEFAULT_DEFLATE_LEVEL = 6;

    final long maxMsgSize;
    final long maxBodySize;
    final long maxRdyCount;
    final long msgTimeoutMs;
    final long maxMsgTimeoutMs;
    final long maxReqTimeoutNs;
    final long defaultHeartbeatNs;
    final long maxHeartbeatIntervalMs;
    final long maxOutputBufferSize;
    final long minOutputBufferTimeoutMs;
    final long maxOutputBufferTimeoutMs;
    final long outputBufferTimeoutMs;

    public V2Limits(
        final long maxMsgSize,
        final long maxBodySize,
        final long maxRdyCount,
        final long msgTimeoutNs,
        final long maxMsgTimeoutNs,
        final long maxReqTimeoutNs,
        final long clientTimeoutNs,
        final long maxHeartbeatIntervalNs,
        final long maxOutputBufferSize,
        final long minOutputBufferTimeoutNs,
        final long maxOutputBufferTimeoutNs,
        final long outputBufferTimeoutNs)
    {
        this.maxMsgSize = maxMsgSize;
        this.maxBodySize = maxBodySize;
        this.maxRdyCount = maxRdyCount;
        this.msgTimeoutMs = TimeUnit.NANOSECONDS.toMillis(msgTimeoutNs);
        this.maxMsgTimeoutMs = TimeUnit.NANOSECONDS.toMillis(maxMsgTimeoutNs);
        this.maxReqTimeoutNs = maxReqTimeoutNs;
        this.defaultHeartbeatNs = clientTimeoutNs / 2;
        this.maxHeartbeatIntervalMs = TimeUnit.NANOSECONDS.toMillis(maxHeartbeatIntervalNs);
        this.maxOutputBufferSize = maxOutputBufferSize;
        this.minOutputBufferTimeoutMs = TimeUnit.NANOSECONDS.toMillis(minOutputBufferTimeoutNs);
        this.maxOutputBufferTimeoutMs = TimeUnit.NANOSECONDS.toMillis(maxOutputBufferTimeoutNs);
        this.outputBufferTimeoutMs = TimeUnit.NANOSECONDS.toMillis(outputBufferTimeoutNs);
    }
}
