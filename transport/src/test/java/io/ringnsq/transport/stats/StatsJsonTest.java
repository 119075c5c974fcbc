package io.ringnsq.transport.stats;

import static io.ringnsq.transport.stats.StatsFixtures.MEMORY;
import static io.ringnsq.transport.stats.StatsFixtures.NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.ClientStats;
import io.ringnsq.core.stats.E2eLatency;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;
import org.junit.jupiter.api.Test;

class StatsJsonTest
{
    private static final String CONSUMER = "{\"client_id\":\"chost\",\"hostname\":\"chost\",\"version\":\"V2\","
        + "\"remote_address\":\"127.0.0.1:55428\",\"state\":3,\"ready_count\":3,\"in_flight_count\":1,\"message_count\":1,"
        + "\"finish_count\":0,\"requeue_count\":0,\"connect_ts\":1700000039,\"sample_rate\":0,\"deflate\":false,\"snappy\":false,"
        + "\"user_agent\":\"probe/1.0\",\"tls\":false,\"tls_cipher_suite\":\"\",\"tls_version\":\"\","
        + "\"tls_negotiated_protocol\":\"\",\"tls_negotiated_protocol_is_mutual\":false}";

    private static final String PRODUCER = "{\"client_id\":\"phost\",\"hostname\":\"phost\",\"version\":\"V2\","
        + "\"remote_address\":\"127.0.0.1:55414\",\"state\":0,\"ready_count\":0,\"in_flight_count\":0,\"message_count\":0,"
        + "\"finish_count\":0,\"requeue_count\":0,\"connect_ts\":1700000039,\"sample_rate\":0,\"deflate\":false,\"snappy\":false,"
        + "\"user_agent\":\"probe/1.0\",\"pub_counts\":[{\"topic\":\"t5\",\"count\":1}],\"tls\":false,\"tls_cipher_suite\":\"\","
        + "\"tls_version\":\"\",\"tls_negotiated_protocol\":\"\",\"tls_negotiated_protocol_is_mutual\":false}";

    private static final String LATENCY = "{\"count\":1,\"percentiles\":[{\"quantile\":0.99,\"value\":1234567},"
        + "{\"quantile\":0.5,\"value\":1.5e-7}]}";

    private static final String MEMORY_JSON = "{\"heap_objects\":5875,\"heap_idle_bytes\":1000000,\"heap_in_use_bytes\":2000000,"
        + "\"heap_released_bytes\":500000,\"gc_pause_usec_100\":300,\"gc_pause_usec_99\":298,\"gc_pause_usec_95\":288,"
        + "\"next_gc_bytes\":4194304,\"gc_total_runs\":7}";

    private final StatsJson json = new StatsJson();

    private String render(final NsqdStats stats, final MemoryStats memory)
    {
        return new String(json.toBytes(stats, NODE, memory), StandardCharsets.UTF_8);
    }

    private static String channelJson(final String clients)
    {
        return "{\"channel_name\":\"chx\",\"depth\":0,\"backend_depth\":0,\"in_flight_count\":1,\"deferred_count\":0,"
            + "\"message_count\":1,\"requeue_count\":0,\"timeout_count\":0,\"client_count\":1,\"clients\":" + clients
            + ",\"paused\":false,\"e2e_processing_latency\":" + LATENCY + "}";
    }

    private static String topicJson(final String channels)
    {
        return "{\"topic_name\":\"t5\",\"channels\":" + channels + ",\"depth\":0,\"backend_depth\":0,\"message_count\":1,"
            + "\"message_bytes\":5,\"paused\":false,\"e2e_processing_latency\":{\"count\":0,\"percentiles\":null}}";
    }

    @Test
    void shouldWriteUpstreamsShapeAndKeyOrder()
    {
        final String expected = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":["
            + topicJson("[" + channelJson("[" + CONSUMER + "]") + "]") + "],\"memory\":" + MEMORY_JSON
            + ",\"producers\":[" + PRODUCER + "]}";

        assertEquals(expected, render(StatsFixtures.stats(), MEMORY));
    }

    @Test
    void shouldLeaveMemoryOutAndWriteNullsWithoutClients()
    {
        final NsqdStats stats = new NsqdStats("OK",
            List.of(StatsFixtures.topic(List.of(StatsFixtures.channel("chx", null)))), null);

        final String expected = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":["
            + topicJson("[" + channelJson("null") + "]") + "],\"producers\":null}";

        assertEquals(expected, render(stats, null));
    }

    @Test
    void shouldWriteEmptyListsAsEmptyAndNoProducersAsNull()
    {
        final NsqdStats stats = new NsqdStats("OK",
            List.of(StatsFixtures.topic(List.of()), StatsFixtures.topic(List.of(StatsFixtures.channel("chx", List.of())))),
            List.of());

        final String expected = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":["
            + topicJson("[]") + "," + topicJson("[" + channelJson("[]") + "]") + "],\"producers\":null}";

        assertEquals(expected, render(stats, null));
    }

    @Test
    void shouldWriteNullTopicsForAFilterThatMatchesNothing()
    {
        assertEquals("{\"version\":\"1.3.0\",\"health\":\"NOK - disk full\",\"start_time\":1700000000,\"topics\":null,"
            + "\"producers\":null}", render(new NsqdStats("NOK - disk full", null, null), null));
        assertEquals("{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":[],"
            + "\"producers\":null}", render(new NsqdStats("OK", List.of(), null), null));
    }

    @Test
    void shouldWriteAuthKeysOnlyWhenSetAndEveryPubCount()
    {
        final ClientStats client = new ClientStats("id", "h", "V2", "10.0.0.1:1", 3, 0, 0, 0, 0, 0, 1, 25, true, false,
            "", true, "alice", "http://x/alice?a=1&b=2",
            List.of(new ClientStats.PubCount("a", 2), new ClientStats.PubCount("b", -1)), true,
            "TLS_AES_128_GCM_SHA256", "TLS1.3", "h2", true);
        final NsqdStats stats = new NsqdStats("OK", List.of(), List.of(client));

        final String expected = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":[],"
            + "\"producers\":[{\"client_id\":\"id\",\"hostname\":\"h\",\"version\":\"V2\",\"remote_address\":\"10.0.0.1:1\","
            + "\"state\":3,\"ready_count\":0,\"in_flight_count\":0,\"message_count\":0,\"finish_count\":0,\"requeue_count\":0,"
            + "\"connect_ts\":1,\"sample_rate\":25,\"deflate\":true,\"snappy\":false,\"user_agent\":\"\",\"authed\":true,"
            + "\"auth_identity\":\"alice\",\"auth_identity_url\":\"http://x/alice?a=1\\u0026b=2\","
            + "\"pub_counts\":[{\"topic\":\"a\",\"count\":2},{\"topic\":\"b\",\"count\":18446744073709551615}],"
            + "\"tls\":true,\"tls_cipher_suite\":\"TLS_AES_128_GCM_SHA256\",\"tls_version\":\"TLS1.3\","
            + "\"tls_negotiated_protocol\":\"h2\",\"tls_negotiated_protocol_is_mutual\":true}]}";

        assertEquals(expected, render(stats, null));
    }

    @Test
    void shouldEscapeStringsAsGo()
    {
        final String hostname = "<a&b>\u2028\u2029\u0001\b\f\u001f\u007f\"\\\n\r\t/é€😀\uD800x";
        final ClientStats client = new ClientStats("c", hostname, "V2", "r", 0, 0, 0, 0, 0, 0, 0, 0, false, false,
            "ua", false, null, null, List.of(new ClientStats.PubCount("t", 1)), false, null, null, null, false);

        final String rendered = render(new NsqdStats("OK", List.of(), List.of(client)), null);

        final String escaped = "\\u003ca\\u0026b\\u003e\\u2028\\u2029\\u0001\\u0008\\u000c\\u001f\u007f\\\"\\\\\\n\\r\\t/é€😀\uFFFDx";
        assertEquals("\"hostname\":\"" + escaped + "\"", rendered.substring(rendered.indexOf("\"hostname\""),
            rendered.indexOf(",\"version\":\"V2\"")));
        assertTrue(rendered.contains("\"tls_cipher_suite\":\"\",\"tls_version\":\"\",\"tls_negotiated_protocol\":\"\""));
    }

    @Test
    void shouldWriteUint64CountersUnsigned()
    {
        final TopicStats topic = new TopicStats("t", List.of(), 0, 0, -1, Long.MIN_VALUE, true, E2eLatency.OFF);

        final String rendered = render(new NsqdStats("OK", List.of(topic), null), null);

        assertTrue(rendered.contains("\"message_count\":18446744073709551615,\"message_bytes\":9223372036854775808,"
            + "\"paused\":true"), rendered);
    }

    @Test
    void shouldWriteManyClientsPastJacksonsBuffer()
    {
        final List<ClientStats> clients = new ArrayList<>();
        for (int i = 0; i < 2000; i++)
        {
            clients.add(StatsFixtures.consumer());
        }
        final ChannelStats channel = new ChannelStats("chx", 0, 0, 1, 0, 1, 0, 0, 1, clients, false, StatsFixtures.latency());
        final NsqdStats stats = new NsqdStats("OK", List.of(StatsFixtures.topic(List.of(channel))), null);

        final String expected = "{\"version\":\"1.3.0\",\"health\":\"OK\",\"start_time\":1700000000,\"topics\":["
            + topicJson("[" + channelJson("[" + String.join(",", Collections.nCopies(2000, CONSUMER)) + "]") + "]")
            + "],\"producers\":null}";
        assertEquals(expected, render(stats, null));
    }
}
