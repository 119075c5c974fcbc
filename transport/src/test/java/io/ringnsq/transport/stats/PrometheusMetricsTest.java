package io.ringnsq.transport.stats;

import static io.ringnsq.transport.stats.StatsFixtures.MEMORY;
import static io.ringnsq.transport.stats.StatsFixtures.NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.junit.jupiter.api.Test;

/**
 * Parses the exposition with a real text-format parser (Hawkular's prometheus-scraper). That
 * parser skips a line it cannot read instead of failing, so the tests also check that it read as
 * many samples as there are sample lines, and every line against the format's grammar.
 */
class PrometheusMetricsTest
{
    private static final Pattern SAMPLE_LINE = Pattern.compile(
        "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
            + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*})? [-+]?[0-9.e+-]+");
    private static final Pattern COMMENT_LINE = Pattern.compile("# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* "
        + "(counter|gauge|summary|histogram|untyped))");

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    /** Parsed families by name, after checking the grammar and that nothing was skipped. */
    private static Map<String, MetricFamily> parse(final byte[] exposition) throws IOException
    {
        final String text = new String(exposition, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        int sampleLines = 0;
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("#"))
            {
                assertTrue(COMMENT_LINE.matcher(line).matches(), line);
            }
            else
            {
                assertTrue(SAMPLE_LINE.matcher(line).matches(), line);
                sampleLines++;
            }
        }

        final Map<String, MetricFamily> families = new LinkedHashMap<>();
        final TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(exposition));
        int samples = 0;
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse())
        {
            assertFalse(families.containsKey(family.getName()), "family twice: " + family.getName());
            families.put(family.getName(), family);
            samples += family.getMetrics().size();
        }
        assertEquals(sampleLines, samples, "samples the parser read");
        return families;
    }

    private static double value(final Map<String, MetricFamily> families, final String name, final String... labels)
    {
        final MetricFamily family = families.get(name);
        assertNotNull(family, name);
        final Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2)
        {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (final Metric metric : family.getMetrics())
        {
            if (new TreeMap<>(metric.getLabels()).equals(wanted))
            {
                return metric instanceof Counter ? ((Counter)metric).getValue() : ((Gauge)metric).getValue();
            }
        }
        throw new AssertionError(name + wanted + " not in " + family.getMetrics().size() + " samples");
    }

    private static NsqdStats twoTopics()
    {
        final ChannelStats c1 = new ChannelStats("c1", 11, 1, 2, 3, 40, 5, 6, 2, null, true, StatsFixtures.latency());
        final ChannelStats c2 = new ChannelStats("c2#ephemeral", 0, 0, 0, 0, 40, 0, 0, 0, null, false, E2eLatency.OFF);
        final TopicStats t1 = new TopicStats("t1", List.of(c1, c2), 7, 2, 40, 400, false,
            new E2eLatency(9, List.of(new E2eLatency.Percentile(0.99, 2_000_000), new E2eLatency.Percentile(0.5, 1_000))));
        final TopicStats t2 = new TopicStats("t2", List.of(), 0, 0, 0, 0, true, E2eLatency.OFF);
        return new NsqdStats("OK", List.of(t1, t2), null);
    }

    @Test
    void shouldParseWithEveryMetricAndItsValue() throws IOException
    {
        final Map<String, MetricFamily> families = parse(metrics.toBytes(twoTopics(), NODE, MEMORY));

        assertEquals(1, value(families, "nsq_up"));
        assertEquals(1, value(families, "nsq_healthy"));
        assertEquals(1, value(families, "nsq_info", "version", "1.3.0"));
        assertEquals(1_700_000_000, value(families, "nsq_start_time_seconds"));

        assertEquals(7, value(families, "nsq_topic_depth", "topic", "t1"));
        assertEquals(0, value(families, "nsq_topic_depth", "topic", "t2"));
        assertEquals(2, value(families, "nsq_topic_backend_depth", "topic", "t1"));
        assertEquals(40, value(families, "nsq_topic_messages_total", "topic", "t1"));
        assertEquals(400, value(families, "nsq_topic_message_bytes_total", "topic", "t1"));
        assertEquals(0, value(families, "nsq_topic_paused", "topic", "t1"));
        assertEquals(1, value(families, "nsq_topic_paused", "topic", "t2"));
        assertEquals(2_000_000 / 1e9, value(families, "nsq_topic_e2e_processing_latency_seconds", "topic", "t1", "quantile", "0.99"));
        assertEquals(1_000 / 1e9, value(families, "nsq_topic_e2e_processing_latency_seconds", "topic", "t1", "quantile", "0.5"));
        assertEquals(9, value(families, "nsq_topic_e2e_processing_latency_seconds_count", "topic", "t1"));
        assertEquals(2, families.get("nsq_topic_e2e_processing_latency_seconds").getMetrics().size());

        assertEquals(11, value(families, "nsq_channel_depth", "topic", "t1", "channel", "c1"));
        assertEquals(1, value(families, "nsq_channel_backend_depth", "topic", "t1", "channel", "c1"));
        assertEquals(2, value(families, "nsq_channel_in_flight", "topic", "t1", "channel", "c1"));
        assertEquals(3, value(families, "nsq_channel_deferred", "topic", "t1", "channel", "c1"));
        assertEquals(40, value(families, "nsq_channel_messages_total", "topic", "t1", "channel", "c1"));
        assertEquals(40, value(families, "nsq_channel_messages_total", "topic", "t1", "channel", "c2#ephemeral"));
        assertEquals(5, value(families, "nsq_channel_requeues_total", "topic", "t1", "channel", "c1"));
        assertEquals(6, value(families, "nsq_channel_timeouts_total", "topic", "t1", "channel", "c1"));
        assertEquals(2, value(families, "nsq_channel_clients", "topic", "t1", "channel", "c1"));
        assertEquals(1, value(families, "nsq_channel_paused", "topic", "t1", "channel", "c1"));
        assertEquals(1_234_567 / 1e9,
            value(families, "nsq_channel_e2e_processing_latency_seconds", "topic", "t1", "channel", "c1", "quantile", "0.99"));
        assertEquals(1.5e-7 / 1e9,
            value(families, "nsq_channel_e2e_processing_latency_seconds", "topic", "t1", "channel", "c1", "quantile", "0.5"));
        assertEquals(1, value(families, "nsq_channel_e2e_processing_latency_seconds_count", "topic", "t1", "channel", "c1"));
        assertEquals(2, families.get("nsq_channel_e2e_processing_latency_seconds").getMetrics().size());

        assertEquals(5875, value(families, "nsq_mem_heap_objects"));
        assertEquals(1_000_000, value(families, "nsq_mem_heap_idle_bytes"));
        assertEquals(2_000_000, value(families, "nsq_mem_heap_in_use_bytes"));
        assertEquals(500_000, value(families, "nsq_mem_heap_released_bytes"));
        assertEquals(300 / 1e6, value(families, "nsq_mem_gc_pause_seconds", "quantile", "1"));
        assertEquals(298 / 1e6, value(families, "nsq_mem_gc_pause_seconds", "quantile", "0.99"));
        assertEquals(288 / 1e6, value(families, "nsq_mem_gc_pause_seconds", "quantile", "0.95"));
        assertEquals(4_194_304, value(families, "nsq_mem_next_gc_bytes"));
        assertEquals(7, value(families, "nsq_mem_gc_runs_total"));
    }

    @Test
    void shouldDeclareCountersAndGauges() throws IOException
    {
        final Map<String, MetricFamily> families = parse(metrics.toBytes(twoTopics(), NODE, MEMORY));

        for (final MetricFamily family : families.values())
        {
            final MetricType expected = family.getName().endsWith("_total") ? MetricType.COUNTER : MetricType.GAUGE;
            assertEquals(expected, family.getType(), family.getName());
            assertFalse(family.getHelp().isEmpty(), family.getName());
        }
        assertEquals(29, families.size());
    }

    @Test
    void shouldLeaveOutFamiliesWithoutSamples() throws IOException
    {
        final Map<String, MetricFamily> families = parse(metrics.toBytes(new NsqdStats("NOK - disk full", null, null), NODE, null));

        assertEquals(List.of("nsq_up", "nsq_healthy", "nsq_info", "nsq_start_time_seconds"), List.copyOf(families.keySet()));
        assertEquals(0, value(families, "nsq_healthy"));
    }

    @Test
    void shouldEscapeLabelValues() throws IOException
    {
        final String name = "a\"b\\c\nd";
        final TopicStats topic = new TopicStats(name, List.of(), 3, 0, 0, 0, false, E2eLatency.OFF);
        final byte[] exposition = metrics.toBytes(new NsqdStats("OK", List.of(topic), null), NODE, null);

        assertTrue(new String(exposition, StandardCharsets.UTF_8).contains("nsq_topic_depth{topic=\"a\\\"b\\\\c\\nd\"} 3\n"));
        assertEquals(3, value(parse(exposition), "nsq_topic_depth", "topic", name));
    }
}
