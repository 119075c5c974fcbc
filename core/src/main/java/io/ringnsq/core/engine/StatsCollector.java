package io.ringnsq.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.ringnsq.core.link.ClientFeatures;
import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/**
 * Builds /stats snapshots from the engine's own counters, on the engine thread, with upstream's
 * filtering rules (spec §3.3): a topic filter naming no topic gives {@code topics == null}; a channel
 * filter keeps only channels of that name and drops topics without one; producers are every TCP
 * client that has published, listed even under a topic filter, with pub counts for that topic only.
 */
final class StatsCollector
{
    static final String HEALTH_OK = "OK";

    /** Upstream's health: OK, or NOK with the last disk write error until a write works again. */
    private String health()
    {
        return ctx.disk.isWritable() ? HEALTH_OK : "NOK - " + ctx.disk.lastError();
    }

    private final PipelineContext ctx;

    StatsCollector(final PipelineContext ctx)
    {
        this.ctx = ctx;
    }

    NsqdStats snapshot(
        final Collection<Topic> allTopics,
        final Collection<Client> allClients,
        final String topicFilter,
        final String channelFilter,
        final boolean includeClients)
    {
        final List<Topic> selected = new ArrayList<>();
        for (final Topic t : allTopics)
        {
            if (topicFilter.isEmpty() || t.name.equals(topicFilter))
            {
                selected.add(t);
            }
        }
        if (!topicFilter.isEmpty() && selected.isEmpty())
        {
            return new NsqdStats(health(), null, null); // upstream returns its empty Stats at once: no producers either
        }
        selected.sort((a, b) -> a.name.compareTo(b.name));

        final List<TopicStats> topics = new ArrayList<>(selected.size());
        for (final Topic t : selected)
        {
            final List<ChannelStats> channels = new ArrayList<>();
            for (final Channel c : sortedChannels(t))
            {
                if (channelFilter.isEmpty() || c.name.equals(channelFilter))
                {
                    channels.add(channelStats(c, topicFilter, includeClients));
                }
            }
            if (!channelFilter.isEmpty() && channels.isEmpty())
            {
                continue;
            }
            topics.add(new TopicStats(t.name, channels, t.depth(), t.backendDepth(), t.messageCount, t.messageBytes, t.paused, topicLatency(t)));
        }
        return new NsqdStats(health(), topics, producers(allClients, topicFilter, includeClients));
    }

    private ChannelStats channelStats(final Channel c, final String topicFilter, final boolean includeClients)
    {
        List<ClientStats> clients = null;
        if (includeClients)
        {
            clients = new ArrayList<>();
            for (final Client client : c.clients())
            {
                clients.add(clientStats(client, topicFilter));
            }
        }
        return new ChannelStats(c.name, c.depth(), c.backendDepth(), c.inFlightCount(), c.deferredCount(), c.messageCount,
            c.requeueCount, c.timeoutCount, c.clientCount(), clients, c.paused, channelLatency(c));
    }

    private List<ClientStats> producers(final Collection<Client> clients, final String topicFilter, final boolean includeClients)
    {
        if (!includeClients)
        {
            return null;
        }
        List<ClientStats> producers = null;
        for (final Client c : clients)
        {
            if (!c.pubCounts.isEmpty())
            {
                if (producers == null)
                {
                    producers = new ArrayList<>();
                }
                producers.add(clientStats(c, topicFilter));
            }
        }
        if (producers != null)
        {
            producers.sort((a, b) -> a.remoteAddress().compareTo(b.remoteAddress()));
        }
        return producers;
    }

    /**
     * Without a topic filter a producer's pub_counts list every topic it published to: upstream's
     * loop stops after one (spec §3.3, §10), a bug ringnsq does not copy (README compatibility table).
     */
    private static ClientStats clientStats(final Client c, final String topicFilter)
    {
        final List<ClientStats.PubCount> pubCounts = new ArrayList<>();
        c.pubCounts.forEach((topic, count) ->
        {
            if (topicFilter.isEmpty() || topic.equals(topicFilter))
            {
                pubCounts.add(new ClientStats.PubCount(topic, count));
            }
        });
        pubCounts.sort((a, b) -> a.topic().compareTo(b.topic()));
        final ClientFeatures f = c.features;
        return new ClientStats(c.clientId, c.hostname, "V2", c.remoteAddress, c.state, c.readyCount, c.inFlightCount,
            c.messageCount, c.finishCount, c.requeueCount, c.connectEpochNanos / 1_000_000_000L, c.sampleRate,
            f.deflate(), f.snappy(), c.userAgent, f.authed(), f.authIdentity(), f.authIdentityUrl(), pubCounts,
            f.tls(), f.tlsCipherSuite(), f.tlsVersion(), f.tlsNegotiatedProtocol(), f.tlsNegotiatedProtocolIsMutual());
    }

    private E2eLatency channelLatency(final Channel c)
    {
        if (c.e2e == null)
        {
            return E2eLatency.OFF;
        }
        final E2eLatencyWindow.Merged merged = new E2eLatencyWindow.Merged();
        c.e2e.addTo(merged, ctx.now);
        return latency(merged);
    }

    private E2eLatency topicLatency(final Topic t)
    {
        if (ctx.config.e2ePercentiles().length == 0 || t.channels().length == 0)
        {
            return E2eLatency.OFF; // upstream's topic aggregate is nil without channels
        }
        final E2eLatencyWindow.Merged merged = new E2eLatencyWindow.Merged();
        for (final Channel c : t.channels())
        {
            c.e2e.addTo(merged, ctx.now);
        }
        return latency(merged);
    }

    private E2eLatency latency(final E2eLatencyWindow.Merged merged)
    {
        final double[] quantiles = ctx.config.e2ePercentiles();
        final List<E2eLatency.Percentile> percentiles = new ArrayList<>(quantiles.length);
        for (final double q : quantiles)
        {
            percentiles.add(new E2eLatency.Percentile(q, merged.valueAt(q)));
        }
        return new E2eLatency(merged.count(), percentiles);
    }

    private static List<Channel> sortedChannels(final Topic t)
    {
        final List<Channel> channels = new ArrayList<>(List.of(t.channels()));
        channels.sort((a, b) -> a.name.compareTo(b.name));
        return channels;
    }
}
