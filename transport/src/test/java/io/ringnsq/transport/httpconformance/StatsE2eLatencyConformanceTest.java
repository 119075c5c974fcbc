package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §2.12 end-to-end processing latency in /stats, with {@code --e2e-processing-latency-percentile=0.99,0.5}:
 * each channel reports {@code {"count":N,"percentiles":[{"quantile":q,"value":ns},…]}} in the order the
 * percentiles were given, a sample is taken on FIN (now − message timestamp), a topic merges its channels,
 * and a topic without channels has {@code {"count":0,"percentiles":null}}. Values are Go float64s, so a
 * whole number prints without a fraction or exponent ({@code 1500000000}, {@code 0}).
 */
final class StatsE2eLatencyConformanceTest extends HttpConformanceTestBase
{
    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.e2eProcessingLatencyPercentiles(List.of(0.99, 0.5));
    }

    private String statsBody(final String topic)
    {
        return get("/stats?format=json&include_mem=false&topic=" + topic).text();
    }

    @Test
    void aChannelWithoutSamplesReportsEachConfiguredQuantileAsZero()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));

        final String body = statsBody(topic);

        assertTrue(body.contains("\"paused\":false,\"e2e_processing_latency\":"
            + "{\"count\":0,\"percentiles\":[{\"quantile\":0.99,\"value\":0},{\"quantile\":0.5,\"value\":0}]}}"), body);
    }

    @Test
    void aTopicWithoutChannelsHasNullPercentiles()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));

        final String body = statsBody(topic);

        assertTrue(body.contains("\"e2e_processing_latency\":{\"count\":0,\"percentiles\":null}}]"), body);
    }

    /** Publishes one message, FINs it 1.5 s (manual clock) after delivery, and returns the parsed /stats. */
    private Map<String, Object> oneSampleOf1500Ms(final String topic)
    {
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic, "timed"), "OK");
        final Message message = consumer.expectMessage();
        clock.advanceMillis(1_500);
        consumer.fin(message.id());
        consumer.syncInFlight();
        return statsJson("include_mem=false&topic=" + topic);
    }

    private static void assertOneSampleNear(final Map<String, Object> latencyOwner, final double expectedNs)
    {
        final Map<String, Object> latency = Json.object(latencyOwner.get("e2e_processing_latency"));
        assertEquals(List.of("count", "percentiles"), Json.keys(latency));
        assertEquals(1, Json.integer(latency, "count"));
        final List<Map<String, Object>> percentiles = Json.objects(latency.get("percentiles"));
        assertEquals(2, percentiles.size(), () -> "one entry per configured quantile: " + latency);
        assertEquals(List.of("quantile", "value"), Json.keys(percentiles.get(0)));
        assertEquals(0.99, ((Number)percentiles.get(0).get("quantile")).doubleValue());
        assertEquals(0.5, ((Number)percentiles.get(1).get("quantile")).doubleValue());
        for (final Map<String, Object> percentile : percentiles)
        {
            final double value = ((Number)percentile.get("value")).doubleValue();
            assertEquals(expectedNs, value, expectedNs * 0.001, () -> "publish-to-FIN latency in ns: " + latency);
        }
    }

    @Test
    void finRecordsTheTimeFromPublishToFinInTheChannelAndTheTopic()
    {
        final String topic = unique("t");

        final Map<String, Object> stats = oneSampleOf1500Ms(topic);

        final Map<String, Object> topicStats = Json.objects(stats.get("topics")).get(0);
        assertOneSampleNear(Json.objects(topicStats.get("channels")).get(0), 1.5e9);
        assertOneSampleNear(topicStats, 1.5e9);
    }

    @Test
    void aSingleSampleIsReportedExactlyAsUpstreamsStreamDoes()
    {
        // upstream's perks stream keeps a lone sample as is, so every quantile is exactly it; a Go float64
        // of a whole number prints without fraction or exponent
        final String topic = unique("t");
        oneSampleOf1500Ms(topic);

        final String body = statsBody(topic);

        final String latency = "\"e2e_processing_latency\":{\"count\":1,\"percentiles\":"
            + "[{\"quantile\":0.99,\"value\":1500000000},{\"quantile\":0.5,\"value\":1500000000}]}";
        assertTrue(body.contains("\"paused\":false," + latency + "}]"), () -> "channel: " + body);
    }

    @Test
    void onlyFinTakesASample()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic, "requeued"), "OK");
        final Message message = consumer.expectMessage();
        clock.advanceMillis(200);
        consumer.req(message.id(), 0);
        consumer.expectMessage();
        consumer.syncInFlight();

        final String body = statsBody(topic);

        assertTrue(body.contains("\"e2e_processing_latency\":{\"count\":0,\"percentiles\":"
            + "[{\"quantile\":0.99,\"value\":0},{\"quantile\":0.5,\"value\":0}]}"), body);
    }

    @Test
    void textFormatShowsThePercentilesInHumanUnits()
    {
        final String topic = unique("e2e");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic, "timed"), "OK");
        final Message message = consumer.expectMessage();
        clock.advanceMillis(1_500);
        consumer.fin(message.id());
        consumer.syncInFlight();

        final String text = get("/stats?include_mem=false&include_clients=false&topic=" + topic).text();

        final String human = GoText.nanoSecondToHuman(1.5e9) + ", " + GoText.nanoSecondToHuman(1.5e9);
        assertEquals("1.5s, 1.5s", human, "self-check of the Go formatter");
        assertTrue(text.contains(String.format(StatsTextConformanceTest.TOPIC_LINE, "   ", topic, 0, 0, 1, human)), text);
        assertTrue(text.contains(String.format(StatsTextConformanceTest.CHANNEL_LINE, "      ", "c", 0, 0, 0, 0, 0, 0, 1, human)), text);
    }

    @Test
    void textFormatShowsZeroPercentilesAsZeroNanoseconds()
    {
        final String topic = unique("e2e");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));

        final String text = get("/stats?include_mem=false&topic=" + topic).text();

        assertTrue(text.contains(String.format(StatsTextConformanceTest.CHANNEL_LINE, "      ", "c", 0, 0, 0, 0, 0, 0, 0,
            "0.0ns, 0.0ns")), text);
    }

    @Test
    void configReportsThePercentilesAndTheWindow()
    {
        assertOkJson(get("/config/e2e_processing_latency_percentiles"), "[0.99,0.5]");
        assertOkJson(get("/config/e2e_processing_latency_window_time"), "600000000000");
    }
}
