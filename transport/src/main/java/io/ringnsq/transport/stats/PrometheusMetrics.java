package io.ringnsq.transport.stats;

import io.ringnsq.cli.GoFloat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.ToLongFunction;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/**
 * {@code /metrics}: the /stats counters in the Prometheus text exposition format 0.0.4, named by
 * Prometheus conventions ({@code nsq_} prefix, {@code _total} counters, base units). Upstream has
 * no such endpoint; this is ringnsq's own. Families:
 * <ul>
 * <li>{@code nsq_up} (always 1), {@code nsq_healthy} (1 when health is {@code OK}),
 *     {@code nsq_info{version}}, {@code nsq_start_time_seconds};</li>
 * <li>per {@code topic}: {@code nsq_topic_depth}, {@code nsq_topic_backend_depth},
 *     {@code nsq_topic_paused} (gauges), {@code nsq_topic_messages_total},
 *     {@code nsq_topic_message_bytes_total} (counters);</li>
 * <li>per {@code topic, channel}: {@code nsq_channel_depth}, {@code nsq_channel_backend_depth},
 *     {@code nsq_channel_in_flight}, {@code nsq_channel_deferred}, {@code nsq_channel_clients},
 *     {@code nsq_channel_paused} (gauges), {@code nsq_channel_messages_total},
 *     {@code nsq_channel_requeues_total}, {@code nsq_channel_timeouts_total} (counters);</li>
 * <li>end-to-end latency where percentiles are configured, as gauges, not a summary: the values
 *     cover a sliding window, so neither they nor the sample count only grow.
 *     {@code nsq_topic_e2e_processing_latency_seconds{topic,quantile}} and
 *     {@code nsq_channel_e2e_processing_latency_seconds{topic,channel,quantile}}, each with a
 *     {@code _seconds_count} gauge of the samples in the window;</li>
 * <li>with memory figures: {@code nsq_mem_heap_objects}, {@code nsq_mem_heap_idle_bytes},
 *     {@code nsq_mem_heap_in_use_bytes}, {@code nsq_mem_heap_released_bytes},
 *     {@code nsq_mem_gc_pause_seconds{quantile="1"|"0.99"|"0.95"}}, {@code nsq_mem_next_gc_bytes}
 *     (gauges), {@code nsq_mem_gc_runs_total} (counter).</li>
 * </ul>
 * A family with no sample (no topic yet) is left out. Thread-safe and stateless.
 */
public final class PrometheusMetrics implements StatsFormat
{
    /** The content type of the text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_SECOND = 1e6;

    /**
     * Writes the exposition.
     *
     * @param stats  the engine's snapshot (every topic; clients are not used)
     * @param node   version and start time
     * @param memory the memory figures, or null to leave them out
     * @param out    where the UTF-8 bytes go; not closed
     */
    @Override
    public void write(final NsqdStats stats, final NodeStatus node, final MemoryStats memory, final OutputStream out)
        throws IOException
    {
        Utf8Out.write(render(stats, node, memory), out);
    }

    @Override
    public String contentType()
    {
        return CONTENT_TYPE;
    }

    private static StringBuilder render(final NsqdStats stats, final NodeStatus node, final MemoryStats memory)
    {
        final StringBuilder out = new StringBuilder(2048);
        header(out, "nsq_up", "1 when nsqd answers this scrape.", "gauge");
        out.append("nsq_up 1\n");
        header(out, "nsq_healthy", "1 when nsqd reports its health as OK, 0 when it reports an error.", "gauge");
        out.append("nsq_healthy ").append("OK".equals(stats.health()) ? '1' : '0').append('\n');
        header(out, "nsq_info", "The nsqd version, as a label; the value is always 1.", "gauge");
        label(out.append("nsq_info{version=\""), node.version()).append("\"} 1\n");
        header(out, "nsq_start_time_seconds", "When nsqd started, in seconds since the Unix epoch.", "gauge");
        out.append("nsq_start_time_seconds ").append(node.startTimeUnixSeconds()).append('\n');

        final List<TopicStats> topics = stats.topics() == null ? List.of() : stats.topics();
        topics(out, topics, "nsq_topic_depth", "Messages queued in the topic, in memory and on disk.", "gauge", TopicStats::depth);
        topics(out, topics, "nsq_topic_backend_depth", "Messages of the topic queued on disk.", "gauge", TopicStats::backendDepth);
        topics(out, topics, "nsq_topic_messages_total", "Messages published to the topic.", "counter", TopicStats::messageCount);
        topics(out, topics, "nsq_topic_message_bytes_total", "Bytes of message bodies published to the topic.", "counter",
            TopicStats::messageBytes);
        topics(out, topics, "nsq_topic_paused", "1 when the topic is paused.", "gauge", t -> t.paused() ? 1 : 0);
        e2eTopics(out, topics);

        channels(out, topics, "nsq_channel_depth", "Messages queued in the channel, in memory and on disk.", "gauge",
            ChannelStats::depth);
        channels(out, topics, "nsq_channel_backend_depth", "Messages of the channel queued on disk.", "gauge",
            ChannelStats::backendDepth);
        channels(out, topics, "nsq_channel_in_flight", "Messages sent to clients and not yet finished, requeued or timed out.",
            "gauge", ChannelStats::inFlightCount);
        channels(out, topics, "nsq_channel_deferred", "Messages deferred for later delivery.", "gauge", ChannelStats::deferredCount);
        channels(out, topics, "nsq_channel_messages_total", "Messages the channel received from its topic.", "counter",
            ChannelStats::messageCount);
        channels(out, topics, "nsq_channel_requeues_total", "Messages requeued by clients (REQ).", "counter",
            ChannelStats::requeueCount);
        channels(out, topics, "nsq_channel_timeouts_total", "In-flight messages that timed out.", "counter",
            ChannelStats::timeoutCount);
        channels(out, topics, "nsq_channel_clients", "Clients subscribed to the channel.", "gauge", ChannelStats::clientCount);
        channels(out, topics, "nsq_channel_paused", "1 when the channel is paused.", "gauge", c -> c.paused() ? 1 : 0);
        e2eChannels(out, topics);

        if (memory != null)
        {
            memory(out, memory);
        }
        return out;
    }

    private static void topics(
        final StringBuilder out,
        final List<TopicStats> topics,
        final String name,
        final String help,
        final String type,
        final ToLongFunction<TopicStats> value)
    {
        if (topics.isEmpty())
        {
            return;
        }
        header(out, name, help, type);
        for (final TopicStats topic : topics)
        {
            topicLabels(out.append(name), topic).append("} ");
            unsigned(out, value.applyAsLong(topic)).append('\n');
        }
    }

    private static void channels(
        final StringBuilder out,
        final List<TopicStats> topics,
        final String name,
        final String help,
        final String type,
        final ToLongFunction<ChannelStats> value)
    {
        if (!anyChannel(topics))
        {
            return;
        }
        header(out, name, help, type);
        for (final TopicStats topic : topics)
        {
            for (final ChannelStats channel : channelsOf(topic))
            {
                channelLabels(out.append(name), topic, channel).append("} ");
                unsigned(out, value.applyAsLong(channel)).append('\n');
            }
        }
    }

    private static void e2eTopics(final StringBuilder out, final List<TopicStats> topics)
    {
        if (topics.stream().noneMatch(t -> hasPercentiles(t.e2eProcessingLatency())))
        {
            return;
        }
        final String name = "nsq_topic_e2e_processing_latency_seconds";
        header(out, name, "End-to-end processing latency (publish to FIN) over the latency window, per quantile, of all the "
            + "topic's channels.", "gauge");
        for (final TopicStats topic : topics)
        {
            quantiles(out, name, topicLabels(new StringBuilder(), topic), topic.e2eProcessingLatency());
        }
        header(out, name + "_count", "Latency samples in the window, of all the topic's channels.", "gauge");
        for (final TopicStats topic : topics)
        {
            if (hasPercentiles(topic.e2eProcessingLatency()))
            {
                topicLabels(out.append(name).append("_count"), topic).append("} ");
                out.append(topic.e2eProcessingLatency().count()).append('\n');
            }
        }
    }

    private static void e2eChannels(final StringBuilder out, final List<TopicStats> topics)
    {
        if (topics.stream().flatMap(t -> channelsOf(t).stream()).noneMatch(c -> hasPercentiles(c.e2eProcessingLatency())))
        {
            return;
        }
        final String name = "nsq_channel_e2e_processing_latency_seconds";
        header(out, name, "End-to-end processing latency (publish to FIN) over the latency window, per quantile.", "gauge");
        for (final TopicStats topic : topics)
        {
            for (final ChannelStats channel : channelsOf(topic))
            {
                quantiles(out, name, channelLabels(new StringBuilder(), topic, channel), channel.e2eProcessingLatency());
            }
        }
        header(out, name + "_count", "Latency samples in the window.", "gauge");
        for (final TopicStats topic : topics)
        {
            for (final ChannelStats channel : channelsOf(topic))
            {
                if (hasPercentiles(channel.e2eProcessingLatency()))
                {
                    channelLabels(out.append(name).append("_count"), topic, channel).append("} ");
                    out.append(channel.e2eProcessingLatency().count()).append('\n');
                }
            }
        }
    }

    /** One line per quantile: {@code name{<labels>,quantile="0.99"} seconds}; {@code labels} is the open label set. */
    private static void quantiles(final StringBuilder out, final String name, final CharSequence labels, final E2eLatency latency)
    {
        if (!hasPercentiles(latency))
        {
            return;
        }
        for (final E2eLatency.Percentile percentile : latency.percentiles())
        {
            out.append(name).append(labels).append(",quantile=\"").append(GoFloat.json(percentile.quantile())).append("\"} ");
            out.append(GoFloat.json(percentile.value() / NANOS_PER_SECOND)).append('\n');
        }
    }

    private static void memory(final StringBuilder out, final MemoryStats memory)
    {
        gauge(out, "nsq_mem_heap_objects", "Objects on the heap (the JVM does not count them: always 0).", memory.heapObjects());
        gauge(out, "nsq_mem_heap_idle_bytes", "Heap bytes reserved but holding no objects.", memory.heapIdleBytes());
        gauge(out, "nsq_mem_heap_in_use_bytes", "Heap bytes holding objects.", memory.heapInUseBytes());
        gauge(out, "nsq_mem_heap_released_bytes", "Reserved heap bytes not backed by memory.", memory.heapReleasedBytes());
        header(out, "nsq_mem_gc_pause_seconds", "GC pause over the last 256 collections, per quantile.", "gauge");
        pause(out, "1", memory.gcPauseUsec100());
        pause(out, "0.99", memory.gcPauseUsec99());
        pause(out, "0.95", memory.gcPauseUsec95());
        gauge(out, "nsq_mem_next_gc_bytes", "Heap size at which the next collection is expected.", memory.nextGcBytes());
        header(out, "nsq_mem_gc_runs_total", "Garbage collections since start.", "counter");
        unsigned(out.append("nsq_mem_gc_runs_total "), memory.gcTotalRuns()).append('\n');
    }

    private static void pause(final StringBuilder out, final String quantile, final long micros)
    {
        out.append("nsq_mem_gc_pause_seconds{quantile=\"").append(quantile).append("\"} ");
        out.append(GoFloat.json(micros / MICROS_PER_SECOND)).append('\n');
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final long value)
    {
        header(out, name, help, "gauge");
        unsigned(out.append(name).append(' '), value).append('\n');
    }

    private static void header(final StringBuilder out, final String name, final String help, final String type)
    {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++)
        {
            final char c = help.charAt(i);
            if (c == '\\')
            {
                out.append("\\\\");
            }
            else if (c == '\n')
            {
                out.append("\\n");
            }
            else
            {
                out.append(c);
            }
        }
        out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static StringBuilder topicLabels(final StringBuilder out, final TopicStats topic)
    {
        return label(out.append("{topic=\""), topic.topicName()).append('"');
    }

    private static StringBuilder channelLabels(final StringBuilder out, final TopicStats topic, final ChannelStats channel)
    {
        return label(topicLabels(out, topic).append(",channel=\""), channel.channelName()).append('"');
    }

    /** A label value escaped as the format wants: backslash, double quote and line feed. */
    static StringBuilder label(final StringBuilder out, final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out;
    }

    private static StringBuilder unsigned(final StringBuilder out, final long value)
    {
        return value >= 0 ? out.append(value) : out.append(Long.toUnsignedString(value));
    }

    private static boolean hasPercentiles(final E2eLatency latency)
    {
        return latency != null && latency.percentiles() != null;
    }

    private static boolean anyChannel(final List<TopicStats> topics)
    {
        for (final TopicStats topic : topics)
        {
            if (!channelsOf(topic).isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    private static List<ChannelStats> channelsOf(final TopicStats topic)
    {
        return topic.channels() == null ? List.of() : topic.channels();
    }
}
