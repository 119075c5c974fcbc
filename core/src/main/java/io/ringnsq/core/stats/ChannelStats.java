package io.ringnsq.core.stats;

import java.util.List;

/** One channel in /stats; {@code clients} is null when clients were not asked for. */
public record ChannelStats(
    String channelName,
    long depth,
    long backendDepth,
    long inFlightCount,
    long deferredCount,
    long messageCount,
    long requeueCount,
    long timeoutCount,
    int clientCount,
    List<ClientStats> clients,
    boolean paused,
    E2eLatency e2eProcessingLatency)
{
}
