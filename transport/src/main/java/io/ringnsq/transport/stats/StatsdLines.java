package io.ringnsq.transport.stats;

import io.ringnsq.cli.GoFloat;

import java.util.ArrayList;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/**
 * The lines of one statsd push, as upstream's {@code statsdLoop} ({@code nsqd/statsd.go}) writes
 * them, in its order: per topic its counters and gauges, then per channel; then the {@code mem.*}
 * stats. Counters ({@code |c}) are deltas since the previous push's snapshot, matched by topic
 * name and, within that topic, channel name; a topic or channel not in the previous snapshot
 * counts from zero. Lines come without their {@code \n}. A pure function.
 */
public final class StatsdLines
{
    private static final String EPHEMERAL = "#ephemeral";

    private StatsdLines()
    {
    }

    /**
     * @param previous       the snapshot of the previous push, or null for the first push
     * @param current        the snapshot now (clients are not used)
     * @param previousMemory the memory figures of the previous push, or null
     * @param memory         the memory figures now, or null to send no {@code mem.*} stats
     * @param options        prefix and switches
     */
    public static List<String> lines(
        final NsqdStats previous,
        final NsqdStats current,
        final MemoryStats previousMemory,
        final MemoryStats memory,
        final StatsdOptions options)
    {
        final List<String> lines = new ArrayList<>();
        final String prefix = options.prefix();
        final List<TopicStats> topics = current.topics() == null ? List.of() : current.topics();
        for (final TopicStats topic : topics)
        {
            if (options.excludeEphemeral() && topic.topicName().endsWith(EPHEMERAL))
            {
                continue;
            }
            final TopicStats last = findTopic(previous, topic.topicName());
            final String stat = prefix + "topic." + topic.topicName() + ".";
            // upstream subtracts uint64s and sends int64(diff): a counter that went back (the topic
            // was deleted and made again between pushes) gives a negative delta, as here
            lines.add(counter(stat + "message_count", topic.messageCount() - (last == null ? 0 : last.messageCount())));
            lines.add(counter(stat + "message_bytes", topic.messageBytes() - (last == null ? 0 : last.messageBytes())));
            lines.add(gauge(stat + "depth", topic.depth()));
            lines.add(gauge(stat + "backend_depth", topic.backendDepth()));
            percentiles(lines, stat, topic.e2eProcessingLatency());

            final List<ChannelStats> channels = topic.channels() == null ? List.of() : topic.channels();
            for (final ChannelStats channel : channels)
            {
                if (options.excludeEphemeral() && channel.channelName().endsWith(EPHEMERAL))
                {
                    continue;
                }
                final ChannelStats lastChannel = findChannel(last, channel.channelName());
                final String channelStat = stat + "channel." + channel.channelName() + ".";
                lines.add(counter(channelStat + "message_count",
                    channel.messageCount() - (lastChannel == null ? 0 : lastChannel.messageCount())));
                lines.add(gauge(channelStat + "depth", channel.depth()));
                lines.add(gauge(channelStat + "backend_depth", channel.backendDepth()));
                lines.add(gauge(channelStat + "in_flight_count", channel.inFlightCount()));
                lines.add(gauge(channelStat + "deferred_count", channel.deferredCount()));
                lines.add(counter(channelStat + "requeue_count",
                    channel.requeueCount() - (lastChannel == null ? 0 : lastChannel.requeueCount())));
                lines.add(counter(channelStat + "timeout_count",
                    channel.timeoutCount() - (lastChannel == null ? 0 : lastChannel.timeoutCount())));
                lines.add(gauge(channelStat + "clients", channel.clientCount()));
                percentiles(lines, channelStat, channel.e2eProcessingLatency());
            }
        }

        if (options.memStats() && memory != null)
        {
            lines.add(gauge(prefix + "mem.heap_objects", memory.heapObjects()));
            lines.add(gauge(prefix + "mem.heap_idle_bytes", memory.heapIdleBytes()));
            lines.add(gauge(prefix + "mem.heap_in_use_bytes", memory.heapInUseBytes()));
            lines.add(gauge(prefix + "mem.heap_released_bytes", memory.heapReleasedBytes()));
            lines.add(gauge(prefix + "mem.gc_pause_usec_100", memory.gcPauseUsec100()));
            lines.add(gauge(prefix + "mem.gc_pause_usec_99", memory.gcPauseUsec99()));
            lines.add(gauge(prefix + "mem.gc_pause_usec_95", memory.gcPauseUsec95()));
            lines.add(gauge(prefix + "mem.next_gc_bytes", memory.nextGcBytes()));
            lines.add(counter(prefix + "mem.gc_runs", memory.gcTotalRuns() - (previousMemory == null ? 0 : previousMemory.gcTotalRuns())));
        }
        return lines;
    }

    /**
     * {@code e2e_processing_latency_<pct>}: {@code %.0f} of quantile × 100 (Go rounds half to
     * even), the value cut to an integer number of nanoseconds as upstream's {@code int64(value)}.
     */
    private static void percentiles(final List<String> lines, final String stat, final E2eLatency latency)
    {
        if (latency == null || latency.percentiles() == null)
        {
            return;
        }
        for (final E2eLatency.Percentile percentile : latency.percentiles())
        {
            lines.add(gauge(stat + "e2e_processing_latency_" + GoFloat.fixed(percentile.quantile() * 100.0, 0),
                (long)percentile.value()));
        }
    }

    private static String counter(final String stat, final long delta)
    {
        return stat + ":" + delta + "|c";
    }

    private static String gauge(final String stat, final long value)
    {
        return stat + ":" + value + "|g";
    }

    private static TopicStats findTopic(final NsqdStats previous, final String name)
    {
        if (previous == null || previous.topics() == null)
        {
            return null;
        }
        for (final TopicStats topic : previous.topics())
        {
            if (topic.topicName().equals(name))
            {
                return topic;
            }
        }
        return null;
    }

    private static ChannelStats findChannel(final TopicStats lastTopic, final String name)
    {
        if (lastTopic == null || lastTopic.channels() == null)
        {
            return null;
        }
        for (final ChannelStats channel : lastTopic.channels())
        {
            if (channel.channelName().equals(name))
            {
                return channel;
            }
        }
        return null;
    }
}
