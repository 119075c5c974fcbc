package io.ringnsq.core.stats;

import java.util.List;

/** One topic in /stats; {@code channels} is never null ([] when the topic has none). */
public record TopicStats(
    String topicName,
    List<ChannelStats> channels,
    long depth,
    long backendDepth,
    long messageCount,
    long messageBytes,
    boolean paused,
    E2eLatency e2eProcessingLatency)
{
}
