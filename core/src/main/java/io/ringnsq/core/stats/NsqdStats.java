package io.ringnsq.core.stats;

import java.util.List;

/**
 * A snapshot of what /stats reports, taken by the engine (the owner of every counter) in one duty
 * cycle and handed to whoever renders it. Lists are in upstream's order (topics and channels sorted
 * by name). {@code topics} is null when a topic filter names no topic; {@code producers} is null when
 * there are none or clients were not asked for, as upstream's JSON has them.
 */
public record NsqdStats(String health, List<TopicStats> topics, List<ClientStats> producers)
{
}
