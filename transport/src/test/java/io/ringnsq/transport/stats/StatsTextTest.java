package io.ringnsq.transport.stats;

import static io.ringnsq.transport.stats.StatsFixtures.MEMORY;
import static io.ringnsq.transport.stats.StatsFixtures.NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;
import org.junit.jupiter.api.Test;

class StatsTextTest
{
    private final StatsText text = new StatsText();

    private String render(final NsqdStats stats, final MemoryStats memory)
    {
        return new String(text.toBytes(stats, NODE, memory), StandardCharsets.UTF_8);
    }

    private static String header()
    {
        return NODE.versionLine() + "\n"
            + "start_time 2023-11-14T22:13:20Z\n"
            + "uptime 41.70104818s\n"
            + "\n"
            + "Health: OK\n";
    }

    @Test
    void shouldPrintUpstreamsLayout()
    {
        final String expected = header()
            + "\n"
            + "Memory:\n"
            + "   heap_objects             \t5875\n"
            + "   heap_idle_bytes          \t1000000\n"
            + "   heap_in_use_bytes        \t2000000\n"
            + "   heap_released_bytes      \t500000\n"
            + "   gc_pause_usec_100        \t300\n"
            + "   gc_pause_usec_99         \t298\n"
            + "   gc_pause_usec_95         \t288\n"
            + "   next_gc_bytes            \t4194304\n"
            + "   gc_total_runs            \t7\n"
            + "\n"
            + "Topics:\n"
            + "   [t5             ] depth: 0     be-depth: 0     msgs: 1        e2e%: \n"
            + "      [chx                      ] depth: 0     be-depth: 0     inflt: 1    def: 0    re-q: 0     timeout: 0     "
            + "msgs: 1        e2e%: 1.2ms, 0.0ns\n"
            + "        [V2 chost:55428 probe/1.0] state: 3 inflt: 1    rdy: 3    fin: 0        re-q: 0        msgs: 1        "
            + "connected: 2s\n"
            + "\n"
            + "Producers:\n"
            + "   [V2 phost:55414 probe/1.0] msgs: 1        topics: t5=1 connected: 2s\n";

        assertEquals(expected, render(StatsFixtures.stats(), MEMORY));
    }

    @Test
    void shouldSayNoneWithoutTopicsOrProducers()
    {
        final String expected = header()
            + "\n"
            + "Topics: None\n"
            + "\n"
            + "Producers: None\n";

        assertEquals(expected, render(new NsqdStats("OK", null, null), null));
        assertEquals(expected, render(new NsqdStats("OK", List.of(), List.of()), null));
    }

    @Test
    void shouldMarkPausedTopicsAndChannelsAndSeparateTopics()
    {
        final ChannelStats paused = new ChannelStats("a-much-longer-channel-name-than-25", 123456, 7, 12345, 3, 99999999, 5,
            6, 0, null, true, new E2eLatency(3, List.of(new E2eLatency.Percentile(1.0, 2_500_000_000.0),
            new E2eLatency.Percentile(0.95, 1500.0), new E2eLatency.Percentile(0.5, 1000.0))));
        final NsqdStats stats = new NsqdStats("OK", List.of(
            new TopicStats("paused-topic-name", List.of(paused), 10, 2, 3, 4, true, E2eLatency.OFF),
            new TopicStats("t2", List.of(), 0, 0, 0, 0, false, E2eLatency.OFF)), null);

        final String expected = header()
            + "\n"
            + "Topics:\n"
            + "*P [paused-topic-name] depth: 10    be-depth: 2     msgs: 3        e2e%: \n"
            + "   *P [a-much-longer-channel-name-than-25] depth: 123456 be-depth: 7     inflt: 12345 def: 3    re-q: 5     "
            + "timeout: 6     msgs: 99999999 e2e%: 2.5s, 1.5us, 1000.0ns\n"
            + "\n"
            + "   [t2             ] depth: 0     be-depth: 0     msgs: 0        e2e%: \n"
            + "\n"
            + "Producers: None\n";

        assertEquals(expected, render(stats, null));
    }

    @Test
    void shouldPrintAConsumerThatPublishedAsAProducer()
    {
        final ClientStats both = new ClientStats("x", "[::1]", "V2", "[::1]:4242", 3, 1, 0, 9, 9, 0,
            StatsFixtures.START_SECONDS - 3600, 0, false, false, "", false, "", "",
            List.of(new ClientStats.PubCount("t5", 3), new ClientStats.PubCount("other", 4)), false, "", "", "", false);
        final ChannelStats channel = new ChannelStats("c", 0, 0, 0, 0, 0, 0, 0, 1, List.of(both), false, E2eLatency.OFF);
        final NsqdStats stats = new NsqdStats("OK", List.of(StatsFixtures.topic(List.of(channel))), null);

        final String rendered = render(stats, null);

        // the id is "[::1]:4242 " (an empty user agent leaves the space), padded to 21 runes
        assertTrue(rendered.contains("\n        [V2 [::1]:4242           ] msgs: 7        topics: t5=3,other=4 "
            + "connected: 1h0m41s\n"), rendered);
    }
}
