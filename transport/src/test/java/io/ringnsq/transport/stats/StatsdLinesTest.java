package io.ringnsq.transport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;
import org.junit.jupiter.api.Test;

class StatsdLinesTest
{
    private static final String PREFIX = "nsq.host_4151.";
    private static final StatsdOptions OPTIONS = new StatsdOptions(PREFIX, true, false);

    private static ChannelStats channel(final String name, final long messages, final long requeues, final long timeouts)
    {
        return new ChannelStats(name, 2, 1, 1, 0, messages, requeues, timeouts, 2, null, false,
            new E2eLatency(4, List.of(new E2eLatency.Percentile(0.99, 2_000_000.5))));
    }

    private static NsqdStats previous()
    {
        return new NsqdStats("OK", List.of(
            new TopicStats("gone", List.of(), 0, 0, 100, 100, false, E2eLatency.OFF),
            new TopicStats("t", List.of(channel("c", 10, 1, 0)), 9, 9, 10, 100, false, E2eLatency.OFF)), null);
    }

    private static NsqdStats current()
    {
        final E2eLatency topicLatency = new E2eLatency(4, List.of(
            new E2eLatency.Percentile(0.99, 1_234_567.9), new E2eLatency.Percentile(0.5, 1000)));
        return new NsqdStats("OK", List.of(
            new TopicStats("t", List.of(channel("c", 14, 3, 1), channel("new", 1, 0, 0)), 3, 1, 15, 160, false, topicLatency),
            new TopicStats("t2", List.of(channel("c#ephemeral", 1, 0, 0)), 0, 0, 1, 1, false, E2eLatency.OFF),
            new TopicStats("x#ephemeral", List.of(), 0, 0, 1, 1, false, E2eLatency.OFF)), null);
    }

    private static List<String> channelLines(final String stat, final long messages, final long requeues, final long timeouts,
        final long latency)
    {
        return List.of(
            stat + "message_count:" + messages + "|c",
            stat + "depth:2|g",
            stat + "backend_depth:1|g",
            stat + "in_flight_count:1|g",
            stat + "deferred_count:0|g",
            stat + "requeue_count:" + requeues + "|c",
            stat + "timeout_count:" + timeouts + "|c",
            stat + "clients:2|g",
            stat + "e2e_processing_latency_99:" + latency + "|g");
    }

    private static List<String> topicT()
    {
        final List<String> lines = new ArrayList<>(List.of(
            PREFIX + "topic.t.message_count:5|c",
            PREFIX + "topic.t.message_bytes:60|c",
            PREFIX + "topic.t.depth:3|g",
            PREFIX + "topic.t.backend_depth:1|g",
            PREFIX + "topic.t.e2e_processing_latency_99:1234567|g",
            PREFIX + "topic.t.e2e_processing_latency_50:1000|g"));
        lines.addAll(channelLines(PREFIX + "topic.t.channel.c.", 4, 2, 1, 2_000_000));
        lines.addAll(channelLines(PREFIX + "topic.t.channel.new.", 1, 0, 0, 2_000_000));
        return lines;
    }

    private static List<String> memoryLines(final long runs)
    {
        return List.of(
            PREFIX + "mem.heap_objects:5875|g",
            PREFIX + "mem.heap_idle_bytes:1000000|g",
            PREFIX + "mem.heap_in_use_bytes:2000000|g",
            PREFIX + "mem.heap_released_bytes:500000|g",
            PREFIX + "mem.gc_pause_usec_100:300|g",
            PREFIX + "mem.gc_pause_usec_99:298|g",
            PREFIX + "mem.gc_pause_usec_95:288|g",
            PREFIX + "mem.next_gc_bytes:4194304|g",
            PREFIX + "mem.gc_runs:" + runs + "|c");
    }

    @Test
    void shouldSendDeltasAndGaugesInUpstreamsOrder()
    {
        final MemoryStats previousMemory = new MemoryStats(0, 0, 0, 0, 0, 0, 0, 0, 5);

        final List<String> lines = StatsdLines.lines(previous(), current(), previousMemory, StatsFixtures.MEMORY, OPTIONS);

        final List<String> expected = new ArrayList<>(topicT());
        expected.addAll(List.of(
            PREFIX + "topic.t2.message_count:1|c",
            PREFIX + "topic.t2.message_bytes:1|c",
            PREFIX + "topic.t2.depth:0|g",
            PREFIX + "topic.t2.backend_depth:0|g"));
        expected.addAll(channelLines(PREFIX + "topic.t2.channel.c#ephemeral.", 1, 0, 0, 2_000_000));
        expected.addAll(List.of(
            PREFIX + "topic.x#ephemeral.message_count:1|c",
            PREFIX + "topic.x#ephemeral.message_bytes:1|c",
            PREFIX + "topic.x#ephemeral.depth:0|g",
            PREFIX + "topic.x#ephemeral.backend_depth:0|g"));
        expected.addAll(memoryLines(2));
        assertEquals(expected, lines);
    }

    @Test
    void shouldSkipEphemeralAndMemoryWhenTold()
    {
        final StatsdOptions options = new StatsdOptions(PREFIX, false, true);

        final List<String> lines = StatsdLines.lines(previous(), current(), null, StatsFixtures.MEMORY, options);

        final List<String> expected = new ArrayList<>(topicT());
        expected.addAll(List.of(
            PREFIX + "topic.t2.message_count:1|c",
            PREFIX + "topic.t2.message_bytes:1|c",
            PREFIX + "topic.t2.depth:0|g",
            PREFIX + "topic.t2.backend_depth:0|g"));
        assertEquals(expected, lines);
    }

    @Test
    void shouldCountFromZeroOnTheFirstPush()
    {
        final List<String> lines = StatsdLines.lines(null, previous(), null, StatsFixtures.MEMORY, OPTIONS);

        assertEquals(PREFIX + "topic.gone.message_count:100|c", lines.get(0));
        assertEquals(PREFIX + "topic.t.channel.c.message_count:10|c", lines.get(8));
        assertEquals(PREFIX + "mem.gc_runs:7|c", lines.get(lines.size() - 1));
    }

    @Test
    void shouldSendANegativeDeltaWhenACounterWentBack()
    {
        final NsqdStats recreated = new NsqdStats("OK", List.of(
            new TopicStats("gone", List.of(), 0, 0, 3, 3, false, E2eLatency.OFF)), null);

        final List<String> lines = StatsdLines.lines(previous(), recreated, null, null, OPTIONS);

        assertEquals(List.of(
            PREFIX + "topic.gone.message_count:-97|c",
            PREFIX + "topic.gone.message_bytes:-97|c",
            PREFIX + "topic.gone.depth:0|g",
            PREFIX + "topic.gone.backend_depth:0|g"), lines);
    }

    @Test
    void shouldExpandThePrefixAsUpstream()
    {
        assertEquals("nsq.host_example_com_4151.", StatsdOptions.expandPrefix("nsq.%s", "host.example.com", 4151));
        assertEquals("nsq.10_0_0_1_4151.", StatsdOptions.expandPrefix("nsq.%s.", "10.0.0.1", 4151));
        assertEquals("a.h_1.b.h_1.", StatsdOptions.expandPrefix("a.%s.b.%s", "h", 1));
        assertEquals("stats.", StatsdOptions.expandPrefix("stats", "h", 1));
        assertEquals("nsq.[__1]_4151.", StatsdOptions.expandPrefix("nsq.%s", "::1", 4151));
        assertEquals("", StatsdOptions.expandPrefix("", "h", 1));
    }
}
