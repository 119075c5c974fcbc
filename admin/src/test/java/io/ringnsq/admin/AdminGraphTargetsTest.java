package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.admin.support.PageGraphs;
import io.ringnsq.transport.stats.StatsdOptions;
import org.junit.jupiter.api.Test;

/**
 * The graphite targets and {@code /render} URLs the pages' {@code graphs.js} builds (run in node), against what
 * upstream's handlebars helpers build from the same flags, and against the stat names our nsqd's statsd push sends.
 * Where upstream's helpers would ask for a stat nsqd never sends, these follow nsqd (see the README).
 */
class AdminGraphTargetsTest
{
    private static final String NODE = "127.0.0.1:4151";

    private static Map<String, Object> settings(final String prefix, final String counterFormat, final String gaugeFormat)
    {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("enabled", "true");
        s.put("url", "/admin");
        s.put("prefix", prefix);
        s.put("counterFormat", counterFormat);
        s.put("gaugeFormat", gaugeFormat);
        s.put("interval", "60");
        return s;
    }

    private static PageGraphs upstreamDefaults()
    {
        return new PageGraphs(settings("nsq.%s", "stats.counters.%s.count", "stats.gauges.%s"));
    }

    private static Map<String, Object> graph(final String kind, final String node, final String topic, final String channel,
        final String key)
    {
        final Map<String, Object> g = new LinkedHashMap<>();
        g.put("kind", kind);
        g.put("node", node);
        g.put("topic", topic);
        g.put("channel", channel);
        g.put("key", key);
        return g;
    }

    private static Map<String, Object> e2e(final String node, final String channel)
    {
        final Map<String, Object> g = graph("e2e", node, "orders", channel, "e2e_processing_latency");
        g.put("quantiles", List.of(0.99, 0.5));
        return g;
    }

    /** The first target of each graph, in one run of node. */
    private static List<String> firstTargets(final PageGraphs graphs, final List<Map<String, Object>> list) throws Exception
    {
        final List<String> targets = new ArrayList<>();
        for (final JsonNode made : graphs.of("2h", list))
        {
            targets.add(made.path("targets").path(0).asText());
        }
        return targets;
    }

    @Test
    void shouldBuildUpstreamsTopicAndChannelTargetsWithTheDefaultFormats() throws Exception
    {
        assertEquals(List.of(
            "sumSeries(stats.gauges.nsq.*.topic.orders.depth)",
            "sumSeries(stats.counters.nsq.*.topic.orders.message_count.count)", // the topics list: node "" is every node
            "sumSeries(stats.counters.nsq.127_0_0_1_4151.topic.orders.message_count.count)",
            "sumSeries(stats.gauges.nsq.*.topic.orders.channel.billing.depth)",
            "sumSeries(stats.gauges.nsq.*.topic.orders.channel.billing.in_flight_count)",
            "sumSeries(stats.gauges.nsq.*.topic.orders.channel.billing.deferred_count)",
            "sumSeries(stats.counters.nsq.*.topic.orders.channel.billing.requeue_count.count)",
            "sumSeries(stats.counters.nsq.*.topic.orders.channel.billing.timeout_count.count)",
            "sumSeries(stats.counters.nsq.127_0_0_1_4151.topic.orders.channel.billing.message_count.count)",
            "sumSeries(stats.gauges.nsq.127_0_0_1_4151.topic.orders.channel.billing.clients)",
            "sumSeries(stats.counters.nsq.*.topic.*.channel.*.message_count.count)"),
            firstTargets(upstreamDefaults(), List.of(
                graph("topic", "*", "orders", "", "depth"),
                graph("topic", "", "orders", "", "message_count"),
                graph("topic", NODE, "orders", "", "message_count"),
                graph("channel", "*", "orders", "billing", "depth"),
                graph("channel", "*", "orders", "billing", "in_flight_count"),
                graph("channel", "*", "orders", "billing", "deferred_count"),
                graph("channel", "*", "orders", "billing", "requeue_count"),
                graph("channel", "*", "orders", "billing", "timeout_count"),
                graph("channel", NODE, "orders", "billing", "message_count"),
                graph("channel", NODE, "orders", "billing", "clients"),
                graph("counter", "*", "", "", "message_count"))));
    }

    @Test
    void shouldBuildUpstreamsNodeAndE2eTargetsWithTheFormatInsideTheFunctions() throws Exception
    {
        // upstream formats the whole target, functions and all ("stats.counters.movingAverage(...).count"): a stat
        // graphite never has; here the format names the stat and the function wraps it
        final PageGraphs graphs = upstreamDefaults();
        assertEquals(List.of(
            "stats.gauges.nsq.127_0_0_1_4151.mem.*_bytes",
            "stats.gauges.nsq.127_0_0_1_4151.mem.gc_pause_*",
            "movingAverage(stats.counters.nsq.127_0_0_1_4151.mem.gc_runs.count,45)",
            "stats.gauges.nsq.127_0_0_1_4151.mem.heap_objects"),
            firstTargets(graphs, List.of(graph("node", NODE, "", "", "*_bytes"), graph("node", NODE, "", "", "gc_pause_*"),
                graph("node", NODE, "", "", "gc_runs"), graph("node", NODE, "", "", "heap_objects"))));
        assertEquals(List.of("scale(stats.gauges.nsq.127_0_0_1_4151.topic.orders.e2e_processing_latency_99,0.000001)",
            "scale(stats.gauges.nsq.127_0_0_1_4151.topic.orders.e2e_processing_latency_50,0.000001)"),
            graphs.targets(e2e(NODE, "")));
        assertEquals(List.of("scale(averageSeries(stats.gauges.nsq.*.topic.orders.channel.billing.e2e_processing_latency_99),0.000001)",
            "scale(averageSeries(stats.gauges.nsq.*.topic.orders.channel.billing.e2e_processing_latency_50),0.000001)"),
            graphs.targets(e2e("*", "billing")));
    }

    @Test
    void shouldBuildTargetsWithCustomFormatsAndPrefixes() throws Exception
    {
        // a prefix without a trailing dot gets one; an empty format means the stat as it is (the flags' help says so)
        assertEquals(List.of("sumSeries(cluster.*.nsq.topic.orders.depth)",
            "sumSeries(cluster.127_0_0_1_4151.nsq.topic.orders.message_count.sum)"),
            firstTargets(new PageGraphs(settings("cluster.%s.nsq", "%s.sum", "")),
                List.of(graph("topic", "*", "orders", "", "depth"), graph("topic", NODE, "orders", "", "message_count"))));
        // a prefix that ends in a dot keeps one; an empty prefix is none, as nsqd's
        assertEquals(List.of("sumSeries(g.nsq.topic.orders.depth)"),
            firstTargets(new PageGraphs(settings("nsq.", "c.%s", "g.%s")), List.of(graph("topic", "*", "orders", "", "depth"))));
        assertEquals(List.of("sumSeries(counts.topic.orders.channel.billing.requeue_count)"),
            firstTargets(new PageGraphs(settings("", "counts.%s", "")), List.of(graph("channel", NODE, "orders", "billing",
                "requeue_count"))));
    }

    @Test
    void shouldNameTheStatsOurNsqdsStatsdPushSends() throws Exception
    {
        // nsqd sends <prefix>topic.<t>.message_count|c with its prefix expanded for its broadcast address and HTTP port;
        // statsd keeps only [a-zA-Z0-9_.-] of a key, so graphite has "ordersephemeral" for "orders#ephemeral"
        final String nsqdPrefix = StatsdOptions.expandPrefix("nsq.%s", "127.0.0.1", 4151);
        assertEquals(List.of("sumSeries(stats.counters." + nsqdPrefix + "topic.orders.message_count.count)",
            "sumSeries(stats.gauges." + nsqdPrefix + "topic.ordersephemeral.channel.billingephemeral.depth)"),
            firstTargets(upstreamDefaults(), List.of(graph("topic", NODE, "orders", "", "message_count"),
                graph("channel", NODE, "orders#ephemeral", "billing#ephemeral", "depth"))));
    }

    @Test
    void shouldBuildUpstreamsSparklineLargeGraphAndRateUrls() throws Exception
    {
        final JsonNode topicDepth = upstreamDefaults().of("2h", List.of(graph("topic", "*", "orders", "", "depth"))).get(0);
        assertEquals("/admin/render?colorList=red&height=20&width=120&hideGrid=true&hideLegend=true&hideAxes=true&bgcolor=ff000000"
            + "&fgcolor=black&margin=0&yMin=0&lineMode=connected&drawNullAsZero=false&from=-2h&until=-1min"
            + "&target=summarize(sumSeries(stats.gauges.nsq.*.topic.orders.depth)%2C%2260sec%22%2C%22avg%22)",
            topicDepth.path("sparkline").asText());
        assertEquals("sumSeries(stats.counters.nsq.*.topic.orders.message_count.count)", topicDepth.path("rateTarget").asText());
        // a counter's large graph is scaled to a rate per second
        final JsonNode requeued = upstreamDefaults().of("24h", List.of(graph("channel", "*", "orders", "billing", "requeue_count"))).get(0);
        assertEquals("/admin/render?colorList=blue&height=450&width=800&bgcolor=ff000000&fgcolor=999999&yMin=0&lineMode=connected"
            + "&drawNullAsZero=false&from=-24h&until=-1min&target=summarize(scale(sumSeries("
            + "stats.counters.nsq.*.topic.orders.channel.billing.requeue_count.count)%2C0.016666666666666666)%2C%2260sec%22%2C%22avg%22)",
            requeued.path("largeGraph").asText());
        // one target per percentile
        final JsonNode latency = upstreamDefaults().of("1h", List.of(e2e("*", ""))).get(0);
        assertEquals(2, latency.path("sparkline").asText().split("&target=").length - 1, latency.toString());
    }
}
