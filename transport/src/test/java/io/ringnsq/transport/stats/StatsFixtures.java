package io.ringnsq.transport.stats;

import java.time.ZoneOffset;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;

/** Snapshots shaped like the one in spec §3.3: topic t5, channel chx, one consumer and one producer. */
final class StatsFixtures
{
    /** 2023-11-14T22:13:20Z. */
    static final long START_SECONDS = 1_700_000_000L;
    static final long START_NANOS = START_SECONDS * 1_000_000_000L;
    /** 41.70104818 s after the start. */
    static final long NOW_NANOS = START_NANOS + 41_701_048_180L;
    /** 2.70104818 s before now: "connected: 2s". */
    static final long CONNECT_SECONDS = START_SECONDS + 39;

    static final NodeStatus NODE = new NodeStatus("1.3.0", START_NANOS, NOW_NANOS, ZoneOffset.UTC);

    static final MemoryStats MEMORY = new MemoryStats(5875, 1_000_000, 2_000_000, 500_000, 300, 298, 288, 4_194_304, 7);

    private StatsFixtures()
    {
    }

    static ClientStats consumer()
    {
        return new ClientStats("chost", "chost", "V2", "127.0.0.1:55428", 3, 3, 1, 1, 0, 0, CONNECT_SECONDS, 0,
            false, false, "probe/1.0", false, "", "", List.of(), false, "", "", "", false);
    }

    static ClientStats producer()
    {
        return new ClientStats("phost", "phost", "V2", "127.0.0.1:55414", 0, 0, 0, 0, 0, 0, CONNECT_SECONDS, 0,
            false, false, "probe/1.0", false, "", "", List.of(new ClientStats.PubCount("t5", 1)), false, "", "", "", false);
    }

    static E2eLatency latency()
    {
        return new E2eLatency(1, List.of(new E2eLatency.Percentile(0.99, 1_234_567), new E2eLatency.Percentile(0.5, 1.5e-7)));
    }

    static ChannelStats channel(final String name, final List<ClientStats> clients)
    {
        return new ChannelStats(name, 0, 0, 1, 0, 1, 0, 0, 1, clients, false, latency());
    }

    static TopicStats topic(final List<ChannelStats> channels)
    {
        return new TopicStats("t5", channels, 0, 0, 1, 5, false, E2eLatency.OFF);
    }

    /** The whole snapshot of spec §3.3's example, clients included. */
    static NsqdStats stats()
    {
        return new NsqdStats("OK", List.of(topic(List.of(channel("chx", List.of(consumer()))))), List.of(producer()));
    }
}
