package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §3.3 parameters and the JSON details clients compare strictly: {@code format=json} only (anything
 * else is text), the {@code topic}/{@code channel} filters, {@code include_clients} and
 * {@code include_mem} ({@code true|1|false|0}, unknown means true), {@code null} vs {@code []}, the
 * producers list and its {@code pub_counts} quirks. A pristine broker per test, so whole lists can be compared.
 */
final class StatsJsonConformanceTest extends HttpConformanceTestBase
{
    @Override
    protected boolean brokerPerTest()
    {
        return true;
    }

    private void create(final String topic, final String... channels)
    {
        assertOkEmpty(post("/topic/create?topic=" + topic));
        for (final String channel : channels)
        {
            assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=" + channel));
        }
    }

    private static List<String> topicNames(final Map<String, Object> stats)
    {
        return Json.objects(stats.get("topics")).stream().map(t -> (String)t.get("topic_name")).toList();
    }

    // ---------------------------------------------------------------- format and include_*

    @ParameterizedTest
    @ValueSource(strings = {"/stats", "/stats?format=", "/stats?format=text", "/stats?format=JSON", "/stats?format=xml"})
    void anythingButFormatJsonGivesText(final String target)
    {
        final HttpResponse response = get(target);

        assertStatus(200, response);
        assertTrue(response.text().startsWith("nsqd v1.3.0 (built w/"), () -> "text format expected: " + response);
        assertEquals(TEXT_TYPE, response.header("Content-Type"));
        assertV1Header(response);
    }

    @Test
    void theFirstOfRepeatedFormatParametersWins()
    {
        final HttpResponse response = get("/stats?format=json&format=text&include_mem=false");

        assertEquals(JSON_TYPE, response.header("Content-Type"));
        assertTrue(response.text().startsWith("{\"version\":\"1.3.0\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0"})
    void includeMemFalseLeavesTheMemoryKeyOut(final String value)
    {
        assertFalse(statsJson("include_mem=" + value).containsKey("memory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "yes", "", "FALSE"})
    void includeMemTrueOrAnyOtherValueKeepsMemory(final String value)
    {
        assertTrue(statsJson("include_mem=" + value).containsKey("memory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0"})
    void includeClientsFalseGivesNullClientsAndNullProducers(final String value)
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.publish("t", "this connection is a producer too");

        final Map<String, Object> stats = statsJson("include_mem=false&include_clients=" + value);

        final Map<String, Object> channel = Json.objects(Json.objects(stats.get("topics")).get(0).get("channels")).get(0);
        assertTrue(channel.containsKey("clients") && channel.get("clients") == null, () -> "\"clients\":null: " + channel);
        assertEquals(1, Json.integer(channel, "client_count"), "client_count is still counted");
        assertTrue(stats.containsKey("producers") && stats.get("producers") == null, () -> "\"producers\":null: " + stats);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "maybe", ""})
    void includeClientsTrueOrAnyOtherValueListsClients(final String value)
    {
        subscriber("t", "c");

        final Map<String, Object> stats = statsJson("include_mem=false&include_clients=" + value);

        final Map<String, Object> channel = Json.objects(Json.objects(stats.get("topics")).get(0).get("channels")).get(0);
        assertEquals(1, Json.objects(channel.get("clients")).size());
    }

    // ---------------------------------------------------------------- null vs []

    @Test
    void aTopicWithoutChannelsHasAnEmptyChannelsArray()
    {
        create("lonely");

        final String body = get("/stats?format=json&include_mem=false").text();

        assertTrue(body.contains("\"topic_name\":\"lonely\",\"channels\":[],"), body);
    }

    @Test
    void aChannelWithoutClientsHasAnEmptyClientsArray()
    {
        create("t", "idle");

        final String body = get("/stats?format=json&include_mem=false").text();

        assertTrue(body.contains("\"client_count\":0,\"clients\":[],"), body);
    }

    @Test
    void noProducersIsNullNotAnEmptyArray()
    {
        subscriber("t", "c");

        final String body = get("/stats?format=json&include_mem=false").text();

        assertTrue(body.endsWith(",\"producers\":null}"), body);
    }

    // ---------------------------------------------------------------- filters

    @Test
    void anUnknownTopicFilterGivesNullTopics()
    {
        create("known");

        final String body = get("/stats?format=json&include_mem=false&topic=unknown").text();

        assertTrue(body.contains(",\"topics\":null,"), body);
    }

    @Test
    void anUnknownTopicFilterAlsoGivesNullProducers()
    {
        // not spelled out in §3.3: upstream's GetStats returns an empty Stats{} before it collects producers
        final V2Connection producer = connectTcp();
        producer.publish("known", "m");

        final Map<String, Object> stats = statsJson("include_mem=false&topic=unknown");

        assertNull(stats.get("producers"), () -> "producers with an unknown topic filter: " + stats);
    }

    @Test
    void aTopicFilterKeepsOnlyThatTopic()
    {
        create("alpha", "c");
        create("beta", "c");

        assertEquals(List.of("beta"), topicNames(statsJson("include_mem=false&topic=beta")));
    }

    @Test
    void topicsAndChannelsAreSortedByName()
    {
        create("zeta", "z", "a", "m");
        create("alpha");
        create("Mid");

        final Map<String, Object> stats = statsJson("include_mem=false");

        assertEquals(List.of("Mid", "alpha", "zeta"), topicNames(stats), "byte order, as Go's string comparison");
        assertEquals(List.of("a", "m", "z"), channelNames("zeta"));
    }

    @Test
    void aChannelFilterWithoutTopicKeepsTopicsThatHaveThatChannel()
    {
        create("one", "shared", "other");
        create("two", "other");
        create("three", "shared");

        final Map<String, Object> stats = statsJson("include_mem=false&channel=shared");

        assertEquals(List.of("one", "three"), topicNames(stats));
        for (final Map<String, Object> topic : Json.objects(stats.get("topics")))
        {
            final List<Map<String, Object>> channels = Json.objects(topic.get("channels"));
            assertEquals(1, channels.size());
            assertEquals("shared", channels.get(0).get("channel_name"));
        }
    }

    @Test
    void aChannelFilterMatchingNothingGivesAnEmptyTopicsArray()
    {
        create("one", "c");

        assertTrue(get("/stats?format=json&include_mem=false&topic=one&channel=missing").text().contains(",\"topics\":[],"));
        assertTrue(get("/stats?format=json&include_mem=false&channel=missing").text().contains(",\"topics\":[],"));
    }

    @Test
    void anUnparsableQueryIsInvalidRequest()
    {
        assertError(get("/stats?format=json&topic=%zz"), 400, "INVALID_REQUEST");
    }

    // ---------------------------------------------------------------- producers and clients

    @Test
    void onlyConnectionsThatPublishedAreProducers()
    {
        final V2Connection consumer = connectTcp();
        consumer.identifyOk("{\"client_id\":\"consumer-only\"}");
        consumer.subscribe("t", "c");
        assertNull(statsJson("include_mem=false").get("producers"), "a consumer that never published is no producer");

        consumer.publish("t", "now it has");

        final List<Map<String, Object>> producers = Json.objects(statsJson("include_mem=false").get("producers"));
        assertEquals(1, producers.size());
        assertEquals("consumer-only", producers.get(0).get("client_id"));
        assertEquals(3, Json.integer(producers.get(0), "state"), "the subscribed state shows in the producer entry too");
    }

    @Test
    void pubCountsCountMessagesPerTopicAndHonourTheTopicFilter()
    {
        final V2Connection producer = connectTcp();
        producer.publish("first", "1");
        producer.publish("first", "2");
        producer.write(Wire.mpub("second", "a", "b", "c"));
        producer.expectOk();
        create("third");

        final Map<String, Object> second = Json.objects(statsJson("include_mem=false&topic=second").get("producers")).get(0);
        assertEquals(List.of(Map.of("topic", "second", "count", 3L)), second.get("pub_counts"));
        final Map<String, Object> first = Json.objects(statsJson("include_mem=false&topic=first").get("producers")).get(0);
        assertEquals(List.of(Map.of("topic", "first", "count", 2L)), first.get("pub_counts"));

        final Map<String, Object> third = Json.objects(statsJson("include_mem=false&topic=third").get("producers")).get(0);
        assertFalse(third.containsKey("pub_counts"), () -> "listed although it never published there, pub_counts left out: " + third);
    }

    @Test
    void pubCountsWithoutATopicFilterShowEveryTopicSortedByName()
    {
        // upstream's loop breaks after its first map entry (§3.3, §10); ringnsq lists every topic on
        // purpose (README compatibility table), in name order
        final V2Connection producer = connectTcp();
        producer.publish("first", "1");
        producer.publish("second", "1");
        producer.publish("second", "2");

        final Map<String, Object> entry = Json.objects(statsJson("include_mem=false").get("producers")).get(0);

        final List<Map<String, Object>> counts = Json.objects(entry.get("pub_counts"));
        assertEquals(List.of(Map.of("topic", "first", "count", 1L), Map.of("topic", "second", "count", 2L)), counts);
        assertEquals(List.of("topic", "count"), Json.keys(counts.get(0)));
    }

    @Test
    void aClientThatNeverIdentifiedIsNamedByItsAddress()
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.rdy(7);
        consumer.syncInFlight();

        final Map<String, Object> client = Json.objects(channelStats("t", "c").get("clients")).get(0);

        assertEquals("127.0.0.1", client.get("client_id"));
        assertEquals("127.0.0.1", client.get("hostname"));
        assertEquals("", client.get("user_agent"));
        assertEquals("V2", client.get("version"));
        assertEquals(7, Json.integer(client, "ready_count"));
        assertEquals(startEpochSeconds, Json.integer(client, "connect_ts"));
        assertFalse(client.containsKey("authed"), "authed, auth_identity and auth_identity_url are left out when empty");
        assertFalse(client.containsKey("auth_identity"));
        assertFalse(client.containsKey("pub_counts"));
    }

    @Test
    void clientKeysComeInUpstreamsOrder()
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.publish("t", "makes it a producer with pub_counts");

        final Map<String, Object> producer = Json.objects(statsJson("include_mem=false").get("producers")).get(0);

        assertEquals(List.of("client_id", "hostname", "version", "remote_address", "state", "ready_count", "in_flight_count",
            "message_count", "finish_count", "requeue_count", "connect_ts", "sample_rate", "deflate", "snappy", "user_agent",
            "pub_counts", "tls", "tls_cipher_suite", "tls_version", "tls_negotiated_protocol",
            "tls_negotiated_protocol_is_mutual"), Json.keys(producer));
    }

    @Test
    void aClosingClientHasStateFourAndReadyZero()
    {
        final V2Connection consumer = subscriber("t", "c");
        consumer.rdy(5);
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");

        final Map<String, Object> client = Json.objects(channelStats("t", "c").get("clients")).get(0);

        assertEquals(4, Json.integer(client, "state"));
        assertEquals(0, Json.integer(client, "ready_count"));
    }

    @Test
    void identifyFieldsShowInTheClientEntry()
    {
        final V2Connection consumer = connectTcp();
        consumer.identifyOk("{\"client_id\":\"id-1\",\"hostname\":\"host-1\",\"user_agent\":\"agent/2.0\",\"sample_rate\":50}");
        consumer.subscribe("t", "c");

        final Map<String, Object> client = Json.objects(channelStats("t", "c").get("clients")).get(0);

        assertEquals("id-1", client.get("client_id"));
        assertEquals("host-1", client.get("hostname"));
        assertEquals("agent/2.0", client.get("user_agent"));
        assertEquals(50, Json.integer(client, "sample_rate"));
        assertEquals("127.0.0.1:" + consumer.localPort(), client.get("remote_address"));
    }

    // ---------------------------------------------------------------- counters

    @Test
    void aDeferredMessageCountsInTheChannelsMessageCountAtOnce()
    {
        create("t", "c");

        assertOkText(post("/pub?topic=t&defer=10000", "later"), "OK");

        final Map<String, Object> channel = channelStats("t", "c");
        assertEquals(1, Json.integer(channel, "message_count"));
        assertEquals(1, Json.integer(channel, "deferred_count"));
        assertEquals(0, Json.integer(channel, "depth"));
    }

    @Test
    void pausedFlagsShowForTopicAndChannel()
    {
        create("t", "c", "d");

        assertOkEmpty(post("/topic/pause?topic=t"));
        assertOkEmpty(post("/channel/pause?topic=t&channel=d"));

        assertEquals(Boolean.TRUE, topicStats("t").get("paused"));
        assertEquals(Boolean.FALSE, channelStats("t", "c").get("paused"));
        assertEquals(Boolean.TRUE, channelStats("t", "d").get("paused"));
    }

    @Test
    void messageBytesIsTheSumOfBodySizes()
    {
        assertOkText(post("/pub?topic=t", "12345"), "OK");
        assertOkText(post("/mpub?topic=t", "123\n1234567"), "OK");

        final Map<String, Object> topic = topicStats("t");

        assertEquals(3, Json.integer(topic, "message_count"));
        assertEquals(15, Json.integer(topic, "message_bytes"));
        assertEquals(3, Json.integer(topic, "depth"), "no channel yet: the topic holds them");
    }
}
