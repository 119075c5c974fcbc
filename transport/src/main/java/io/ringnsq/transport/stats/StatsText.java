package io.ringnsq.transport.stats;

import io.ringnsq.cli.GoFloat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/**
 * {@code /stats} in text (any {@code format} but {@code json}): upstream's {@code printStats}
 * ({@code nsqd/http.go}) with every {@code %-Nd} width, the clients as {@code ClientV2Stats.String()}
 * ({@code nsqd/client_v2.go}) prints them and the percentiles as {@code quantile.Result.String()}.
 * Thread-safe and stateless.
 */
public final class StatsText implements StatsFormat
{
    /** What Go's {@code http.DetectContentType} makes of this body (upstream sets no type). */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Writes the page.
     *
     * @param stats  the engine's snapshot, filtered and sorted
     * @param node   version, start time and the time of the request
     * @param memory the memory figures, or null when not asked for ({@code include_mem=false})
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
        final StringBuilder out = new StringBuilder(1024);
        out.append(node.versionLine()).append('\n');
        out.append("start_time ").append(GoFmt.rfc3339(node.startTimeUnixNanos(), node.zone())).append('\n');
        GoFmt.duration(out.append("uptime "), node.nowUnixNanos() - node.startTimeUnixNanos()).append('\n');
        out.append("\nHealth: ").append(nullToEmpty(stats.health())).append('\n');

        if (memory != null)
        {
            out.append("\nMemory:\n");
            memoryLine(out, "heap_objects", memory.heapObjects());
            memoryLine(out, "heap_idle_bytes", memory.heapIdleBytes());
            memoryLine(out, "heap_in_use_bytes", memory.heapInUseBytes());
            memoryLine(out, "heap_released_bytes", memory.heapReleasedBytes());
            memoryLine(out, "gc_pause_usec_100", memory.gcPauseUsec100());
            memoryLine(out, "gc_pause_usec_99", memory.gcPauseUsec99());
            memoryLine(out, "gc_pause_usec_95", memory.gcPauseUsec95());
            memoryLine(out, "next_gc_bytes", memory.nextGcBytes());
            memoryLine(out, "gc_total_runs", memory.gcTotalRuns());
        }

        final List<TopicStats> topics = stats.topics();
        // upstream's quirk: "Topics:" has no newline of its own; each topic line starts with one
        out.append(topics == null || topics.isEmpty() ? "\nTopics: None\n" : "\nTopics:");
        if (topics != null)
        {
            for (final TopicStats topic : topics)
            {
                topic(out, topic, node.nowUnixNanos());
            }
        }

        final List<ClientStats> producers = stats.producers();
        if (producers == null || producers.isEmpty())
        {
            out.append("\nProducers: None\n");
        }
        else
        {
            out.append("\nProducers:\n");
            for (final ClientStats producer : producers)
            {
                client(out.append("   "), producer, node.nowUnixNanos()).append('\n');
            }
        }
        return out;
    }

    /** {@code "   %-25s\t%d\n"}. */
    private static void memoryLine(final StringBuilder out, final String name, final long value)
    {
        GoFmt.padString(out.append("   "), name, 25).append('\t');
        GoFmt.padUnsigned(out, value, 0).append('\n');
    }

    private static void topic(final StringBuilder out, final TopicStats topic, final long nowUnixNanos)
    {
        // "\n%s[%-15s] depth: %-5d be-depth: %-5d msgs: %-8d e2e%%: %s\n"
        out.append('\n').append(topic.paused() ? "*P " : "   ").append('[');
        GoFmt.padString(out, topic.topicName(), 15).append("] depth: ");
        GoFmt.padInt(out, topic.depth(), 5).append(" be-depth: ");
        GoFmt.padInt(out, topic.backendDepth(), 5).append(" msgs: ");
        GoFmt.padUnsigned(out, topic.messageCount(), 8).append(" e2e%: ");
        percentiles(out, topic.e2eProcessingLatency()).append('\n');

        if (topic.channels() == null)
        {
            return;
        }
        for (final ChannelStats channel : topic.channels())
        {
            // "%s[%-25s] depth: %-5d be-depth: %-5d inflt: %-4d def: %-4d re-q: %-5d timeout: %-5d msgs: %-8d e2e%%: %s\n"
            out.append(channel.paused() ? "   *P " : "      ").append('[');
            GoFmt.padString(out, channel.channelName(), 25).append("] depth: ");
            GoFmt.padInt(out, channel.depth(), 5).append(" be-depth: ");
            GoFmt.padInt(out, channel.backendDepth(), 5).append(" inflt: ");
            GoFmt.padInt(out, channel.inFlightCount(), 4).append(" def: ");
            GoFmt.padInt(out, channel.deferredCount(), 4).append(" re-q: ");
            GoFmt.padUnsigned(out, channel.requeueCount(), 5).append(" timeout: ");
            GoFmt.padUnsigned(out, channel.timeoutCount(), 5).append(" msgs: ");
            GoFmt.padUnsigned(out, channel.messageCount(), 8).append(" e2e%: ");
            percentiles(out, channel.e2eProcessingLatency()).append('\n');
            if (channel.clients() != null)
            {
                for (final ClientStats client : channel.clients())
                {
                    client(out.append("        "), client, nowUnixNanos).append('\n');
                }
            }
        }
    }

    /**
     * {@code quantile.Result.String()}: each value through {@code NanoSecondToHuman}, joined by
     * {@code ", "}; nothing when percentiles are off (the line then ends in {@code "e2e%: "}).
     */
    private static StringBuilder percentiles(final StringBuilder out, final E2eLatency latency)
    {
        if (latency == null || latency.percentiles() == null)
        {
            return out;
        }
        boolean first = true;
        for (final E2eLatency.Percentile percentile : latency.percentiles())
        {
            if (!first)
            {
                out.append(", ");
            }
            first = false;
            nanosecondsToHuman(out, percentile.value());
        }
        return out;
    }

    /** Upstream's {@code stringy.NanoSecondToHuman}: {@code %0.1f} in s, ms, us or ns, each above 1000 of the next. */
    private static void nanosecondsToHuman(final StringBuilder out, final double nanos)
    {
        if (nanos > 1_000_000_000)
        {
            out.append(GoFloat.fixed(nanos / 1_000_000_000, 1)).append('s');
        }
        else if (nanos > 1_000_000)
        {
            out.append(GoFloat.fixed(nanos / 1_000_000, 1)).append("ms");
        }
        else if (nanos > 1000)
        {
            out.append(GoFloat.fixed(nanos / 1000, 1)).append("us");
        }
        else
        {
            out.append(GoFloat.fixed(nanos, 1)).append("ns");
        }
    }

    /**
     * {@code ClientV2Stats.String()}. A client that has published anything prints as a producer,
     * wherever it is listed (upstream's rule, kept: a consumer that also published shows its
     * publish counts under its channel). The connected time is {@code time.Since(connect)}
     * truncated to whole seconds.
     */
    private static StringBuilder client(final StringBuilder out, final ClientStats client, final long nowUnixNanos)
    {
        final long connectedNanos = nowUnixNanos - client.connectTime() * NANOS_PER_SECOND;
        final long connected = connectedNanos - connectedNanos % NANOS_PER_SECOND;
        // id: fmt.Sprintf("%s:%s %s", hostname, port, user_agent)
        final String id = nullToEmpty(client.hostname()) + ":" + GoFmt.port(client.remoteAddress()) + " " + nullToEmpty(client.userAgent());
        out.append('[').append(nullToEmpty(client.version())).append(' ');
        GoFmt.padString(out, id, 21).append("] ");

        final List<ClientStats.PubCount> pubCounts = client.pubCounts();
        if (pubCounts != null && !pubCounts.isEmpty())
        {
            // "[%s %-21s] msgs: %-8d topics: %s connected: %s"
            long total = 0;
            for (final ClientStats.PubCount pubCount : pubCounts)
            {
                total += pubCount.count();
            }
            GoFmt.padUnsigned(out.append("msgs: "), total, 8).append(" topics: ");
            for (int i = 0; i < pubCounts.size(); i++)
            {
                if (i > 0)
                {
                    out.append(',');
                }
                out.append(pubCounts.get(i).topic()).append('=').append(Long.toUnsignedString(pubCounts.get(i).count()));
            }
            return GoFmt.duration(out.append(" connected: "), connected);
        }

        // "[%s %-21s] state: %d inflt: %-4d rdy: %-4d fin: %-8d re-q: %-8d msgs: %-8d connected: %s"
        out.append("state: ").append(client.state()).append(" inflt: ");
        GoFmt.padInt(out, client.inFlightCount(), 4).append(" rdy: ");
        GoFmt.padInt(out, client.readyCount(), 4).append(" fin: ");
        GoFmt.padUnsigned(out, client.finishCount(), 8).append(" re-q: ");
        GoFmt.padUnsigned(out, client.requeueCount(), 8).append(" msgs: ");
        GoFmt.padUnsigned(out, client.messageCount(), 8).append(" connected: ");
        return GoFmt.duration(out, connected);
    }

    private static String nullToEmpty(final String value)
    {
        return value == null ? "" : value;
    }
}
