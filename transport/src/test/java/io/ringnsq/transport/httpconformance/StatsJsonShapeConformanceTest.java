package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;

/**
 * Spec §3.3 JSON shape, compared as whole documents byte for byte against a pristine broker per test:
 * an empty broker, and a busy one after a scripted TCP session (a producer that published with PUB and
 * MPUB, and a consumer that FINed one message, REQed one with a long delay, let one time out and holds
 * one in flight). Key order, {@code null} vs {@code []}, omitted keys and every counter are part of it.
 */
final class StatsJsonShapeConformanceTest extends HttpConformanceTestBase
{
    static final long MSG_TIMEOUT_MS = 5_000;
    static final String OFF = "{\"count\":0,\"percentiles\":null}";

    @Override
    protected boolean brokerPerTest()
    {
        return true;
    }

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.msgTimeout(Duration.ofMillis(MSG_TIMEOUT_MS));
    }

    @Test
    void emptyBrokerIsExactlyUpstreamsDocument()
    {
        final HttpResponse response = get("/stats?format=json&include_mem=false");

        assertOkJson(response, "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":" + startEpochSeconds
            + ",\"topics\":[],\"producers\":null}");
    }

    @Test
    void emptyBrokerWithMemoryHasTheMemoryObjectBetweenTopicsAndProducers()
    {
        final Map<String, Object> stats = Json.parseObject(get("/stats?format=json").text());

        assertEquals(List.of("version", "health", "start_time", "topics", "memory", "producers"), Json.keys(stats));
        final Map<String, Object> memory = Json.object(stats.get("memory"));
        assertEquals(List.of("heap_objects", "heap_idle_bytes", "heap_in_use_bytes", "heap_released_bytes",
            "gc_pause_usec_100", "gc_pause_usec_99", "gc_pause_usec_95", "next_gc_bytes", "gc_total_runs"), Json.keys(memory));
        for (final String key : memory.keySet())
        {
            assertTrue(Json.integer(memory, key) >= 0, () -> key + " is a non-negative integer: " + memory);
        }
    }

    @Test
    void busyBrokerIsExactlyUpstreamsDocument()
    {
        final ScriptedSession session = ScriptedSession.run(this, "busy");

        final HttpResponse response = get("/stats?format=json&include_mem=false");

        final String consumer = "{\"client_id\":\"cons\",\"hostname\":\"chost\",\"version\":\"V2\""
            + ",\"remote_address\":\"127.0.0.1:" + session.consumer().localPort() + "\""
            + ",\"state\":3,\"ready_count\":1,\"in_flight_count\":1,\"message_count\":4,\"finish_count\":1"
            + ",\"requeue_count\":1,\"connect_ts\":" + startEpochSeconds
            + ",\"sample_rate\":0,\"deflate\":false,\"snappy\":false,\"user_agent\":\"probe/1.0\""
            + ",\"tls\":false,\"tls_cipher_suite\":\"\",\"tls_version\":\"\",\"tls_negotiated_protocol\":\"\""
            + ",\"tls_negotiated_protocol_is_mutual\":false}";
        final String producer = "{\"client_id\":\"prod\",\"hostname\":\"phost\",\"version\":\"V2\""
            + ",\"remote_address\":\"127.0.0.1:" + session.producer().localPort() + "\""
            + ",\"state\":0,\"ready_count\":0,\"in_flight_count\":0,\"message_count\":0,\"finish_count\":0"
            + ",\"requeue_count\":0,\"connect_ts\":" + startEpochSeconds
            + ",\"sample_rate\":0,\"deflate\":false,\"snappy\":false,\"user_agent\":\"probe/1.0\""
            + ",\"pub_counts\":[{\"topic\":\"busy\",\"count\":4}]"
            + ",\"tls\":false,\"tls_cipher_suite\":\"\",\"tls_version\":\"\",\"tls_negotiated_protocol\":\"\""
            + ",\"tls_negotiated_protocol_is_mutual\":false}";
        final String channel = "{\"channel_name\":\"ch\",\"depth\":1,\"backend_depth\":0,\"in_flight_count\":1"
            + ",\"deferred_count\":1,\"message_count\":4,\"requeue_count\":1,\"timeout_count\":1,\"client_count\":1"
            + ",\"clients\":[" + consumer + "],\"paused\":false,\"e2e_processing_latency\":" + OFF + "}";
        final String topic = "{\"topic_name\":\"busy\",\"channels\":[" + channel + "],\"depth\":0,\"backend_depth\":0"
            + ",\"message_count\":4,\"message_bytes\":8,\"paused\":false,\"e2e_processing_latency\":" + OFF + "}";
        assertOkJson(response, "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":" + startEpochSeconds
            + ",\"topics\":[" + topic + "],\"producers\":[" + producer + "]}");
    }

    @Test
    void busyBrokerCountersAfterTheScriptedSession()
    {
        // the same facts as the byte comparison above, one by one, so a failure names the counter
        final ScriptedSession session = ScriptedSession.run(this, "busy");

        final Map<String, Object> topic = topicStats("busy");
        assertEquals(4, Json.integer(topic, "message_count"), "topic message_count: messages accepted");
        assertEquals(8, Json.integer(topic, "message_bytes"), "topic message_bytes: sum of body sizes");
        assertEquals(0, Json.integer(topic, "depth"));
        final Map<String, Object> channel = channelStats("busy", "ch");
        assertEquals(4, Json.integer(channel, "message_count"), "channel message_count");
        assertEquals(1, Json.integer(channel, "requeue_count"), "channel requeue_count: one REQ");
        assertEquals(1, Json.integer(channel, "timeout_count"), "channel timeout_count: one msg_timeout expiry");
        assertEquals(1, Json.integer(channel, "in_flight_count"), "channel in_flight_count");
        assertEquals(1, Json.integer(channel, "deferred_count"), "channel deferred_count: the REQ with a delay");
        assertEquals(1, Json.integer(channel, "depth"), "channel depth: the timed-out message is back in the queue");
        assertEquals(1, Json.integer(channel, "client_count"));
        final Map<String, Object> client = Json.objects(channel.get("clients")).get(0);
        assertEquals(3, Json.integer(client, "state"), "subscribed");
        assertEquals(1, Json.integer(client, "ready_count"));
        assertEquals(1, Json.integer(client, "in_flight_count"));
        assertEquals(4, Json.integer(client, "message_count"), "client message_count: messages sent to it");
        assertEquals(1, Json.integer(client, "finish_count"));
        assertEquals(1, Json.integer(client, "requeue_count"), "a timeout is not a client requeue");
        assertEquals("127.0.0.1:" + session.consumer().localPort(), client.get("remote_address"));
        final Map<String, Object> producer = Json.objects(statsJson("include_mem=false").get("producers")).get(0);
        assertEquals("prod", producer.get("client_id"));
        assertEquals(List.of(Map.of("topic", "busy", "count", 4L)), producer.get("pub_counts"));
    }
}
