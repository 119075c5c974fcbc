package io.ringnsq.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** nsqlookupd's HTTP API (spec §4.3): every endpoint's status, headers and whole body, errors included. */
@SuppressWarnings("try") // a registered nsqd's connection is held open by try-with-resources without being used
class LookupdHttpApiTest
{
    private static final String JSON = "application/json; charset=utf-8";

    private final LookupdFixture lookupd = new LookupdFixture();

    @AfterEach
    void stop()
    {
        lookupd.close();
    }

    /** An nsqd registered over V1 as {@code <name>:4150/4151}; its remote address is 127.0.0.1:<its port>. */
    private V1Client nsqd(final String name, final String... registrations)
    {
        final V1Client c = V1Client.open(lookupd.tcpPort()).identify(name, 4150, 4151);
        for (final String registration : registrations)
        {
            c.send("REGISTER " + registration);
            c.expectOk();
        }
        return c;
    }

    private static String producer(final V1Client c, final String name)
    {
        return "{\"remote_address\":\"127.0.0.1:" + c.localPort() + "\",\"hostname\":\"h-" + name + "\",\"broadcast_address\":\""
            + name + "\",\"tcp_port\":4150,\"http_port\":4151,\"version\":\"1.3.0\"}";
    }

    private static void assertJson(final int status, final String body, final HttpClient.Response response)
    {
        assertEquals(status + " " + body, response.status() + " " + response.body());
        assertEquals(JSON, response.header("Content-Type"));
        assertEquals("nsq; version=1.0", response.header("X-NSQ-Content-Type"));
    }

    private static void assertEmpty(final HttpClient.Response response)
    {
        assertEquals("200 ", response.status() + " " + response.body());
        assertEquals("0", response.header("Content-Length"));
        assertNull(response.header("Content-Type"));
        assertEquals("nsq; version=1.0", response.header("X-NSQ-Content-Type"));
    }

    private static void eventually(final String expected, final Supplier<String> actual)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
            last = actual.get();
        }
        assertEquals(expected, last);
    }

    @Test
    void shouldAnswerPingWithPlainOkAndNoNsqHeader()
    {
        final HttpClient.Response ping = lookupd.get("/ping");
        assertEquals("200 OK", ping.status() + " " + ping.body());
        assertNull(ping.header("X-NSQ-Content-Type"));
        assertEquals("text/plain; charset=utf-8", ping.header("Content-Type"));
    }

    @Test
    void shouldAnswerInfoWithTheVersion()
    {
        assertJson(200, "{\"version\":\"1.3.0\"}", lookupd.get("/info"));
    }

    @Test
    void shouldListNoTopicsAsAnEmptyArray()
    {
        assertJson(200, "{\"topics\":[]}", lookupd.get("/topics"));
        assertJson(200, "{\"producers\":[]}", lookupd.get("/nodes"));
        assertJson(200, "{}", lookupd.get("/debug"));
    }

    @Test
    void shouldListRegisteredAndCreatedTopics()
    {
        try (V1Client a = nsqd("a", "t1", "t2 c"))
        {
            assertEmpty(lookupd.post("/topic/create?topic=t3"));
            assertJson(200, "{\"topics\":[\"t1\",\"t2\",\"t3\"]}", lookupd.get("/topics"));
        }
    }

    @Test
    void shouldListChannelsOfAnyTopicNameWithoutCheckingIt()
    {
        try (V1Client a = nsqd("a", "t c1", "t c2", "u c3"))
        {
            assertJson(200, "{\"channels\":[\"c1\",\"c2\"]}", lookupd.get("/channels?topic=t"));
            assertJson(200, "{\"channels\":[]}", lookupd.get("/channels?topic=bad!name"));
            assertJson(200, "{\"channels\":[\"c1\",\"c2\",\"c3\"]}", lookupd.get("/channels?topic=*"));
            assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.get("/channels"));
            assertJson(400, "{\"message\":\"INVALID_REQUEST\"}", lookupd.get("/channels?topic=%zz"));
        }
    }

    @Test
    void shouldLookUpChannelsThenProducers()
    {
        try (V1Client a = nsqd("a", "t c1"); V1Client b = nsqd("b", "t"))
        {
            assertJson(200, "{\"channels\":[\"c1\"],\"producers\":[" + producer(a, "a") + "," + producer(b, "b") + "]}",
                lookupd.get("/lookup?topic=t"));
        }
    }

    @Test
    void shouldAnswerLookupErrors()
    {
        assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.get("/lookup"));
        assertJson(400, "{\"message\":\"INVALID_REQUEST\"}", lookupd.get("/lookup?topic=%"));
        assertJson(404, "{\"message\":\"TOPIC_NOT_FOUND\"}", lookupd.get("/lookup?topic=t"));
    }

    @Test
    void shouldKeepTopicsAfterTheProducerDisconnectsWithNoProducers()
    {
        try (V1Client a = nsqd("a", "t c"))
        {
            assertEquals(200, lookupd.get("/lookup?topic=t").status());
        }
        eventually("{\"channels\":[\"c\"],\"producers\":[]}", () -> lookupd.get("/lookup?topic=t").body());
        assertJson(200, "{\"topics\":[\"t\"]}", lookupd.get("/topics"));
        assertJson(200, "{\"producers\":[]}", lookupd.get("/nodes"));
    }

    @Test
    void shouldHideInactiveProducersFromLookupAndNodes()
    {
        try (V1Client a = nsqd("a", "t"))
        {
            lookupd.advance(Duration.ofMinutes(5).plusNanos(1));
            assertJson(200, "{\"channels\":[],\"producers\":[]}", lookupd.get("/lookup?topic=t"));
            assertJson(200, "{\"producers\":[]}", lookupd.get("/nodes"));
            a.send("PING");
            a.expectOk();
            assertJson(200, "{\"channels\":[],\"producers\":[" + producer(a, "a") + "]}", lookupd.get("/lookup?topic=t"));
        }
    }

    @Test
    void shouldListNodesWithAsManyTombstonesAsTopics()
    {
        try (V1Client a = nsqd("a", "t c", "u"); V1Client b = nsqd("b"))
        {
            assertEmpty(lookupd.post("/topic/tombstone?topic=u&node=a:4151"));
            final String peerA = producer(a, "a");
            final String peerB = producer(b, "b");
            assertJson(200, "{\"producers\":[" + peerA.substring(0, peerA.length() - 1) + ",\"tombstones\":[false,true],\"topics\":[\"t\",\"u\"]},"
                + peerB.substring(0, peerB.length() - 1) + ",\"tombstones\":[],\"topics\":[]}]}", lookupd.get("/nodes"));
            assertJson(200, "{\"channels\":[],\"producers\":[]}", lookupd.get("/lookup?topic=u"));
            lookupd.advance(Duration.ofSeconds(45));
            assertJson(200, "{\"channels\":[],\"producers\":[" + peerA + "]}", lookupd.get("/lookup?topic=u"));
            assertJson(200, "{\"producers\":[" + peerA.substring(0, peerA.length() - 1) + ",\"tombstones\":[false,false],\"topics\":[\"t\",\"u\"]},"
                + peerB.substring(0, peerB.length() - 1) + ",\"tombstones\":[],\"topics\":[]}]}", lookupd.get("/nodes"));
        }
    }

    @Test
    void shouldFollowUnregisterOverTcp()
    {
        try (V1Client a = nsqd("a", "t c", "t e#ephemeral", "u#ephemeral"))
        {
            a.send("UNREGISTER t e#ephemeral");
            a.expectOk();
            a.send("UNREGISTER t c");
            a.expectOk();
            assertJson(200, "{\"channels\":[\"c\"],\"producers\":[" + producer(a, "a") + "]}", lookupd.get("/lookup?topic=t"));
            a.send("UNREGISTER u#ephemeral");
            a.expectOk();
            assertJson(404, "{\"message\":\"TOPIC_NOT_FOUND\"}", lookupd.get("/lookup?topic=u%23ephemeral"));
            a.send("UNREGISTER t");
            a.expectOk();
            assertJson(200, "{\"channels\":[\"c\"],\"producers\":[]}", lookupd.get("/lookup?topic=t"));
        }
    }

    @Test
    void shouldAnswerTombstoneErrorsAndIgnoreUnknownNodes()
    {
        assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.post("/topic/tombstone?node=a:1"));
        assertJson(400, "{\"message\":\"MISSING_ARG_NODE\"}", lookupd.post("/topic/tombstone?topic=t"));
        assertJson(400, "{\"message\":\"INVALID_REQUEST\"}", lookupd.post("/topic/tombstone?topic=%"));
        assertEmpty(lookupd.post("/topic/tombstone?topic=t&node=nowhere:1"));
    }

    @Test
    void shouldCreateATopicOnlyWithAValidName()
    {
        assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.post("/topic/create"));
        assertJson(400, "{\"message\":\"INVALID_ARG_TOPIC\"}", lookupd.post("/topic/create?topic=bad!t"));
        assertJson(400, "{\"message\":\"INVALID_REQUEST\"}", lookupd.post("/topic/create?topic=%"));
        assertEmpty(lookupd.post("/topic/create?topic=t"));
        assertJson(200, "{\"channels\":[],\"producers\":[]}", lookupd.get("/lookup?topic=t"));
    }

    @Test
    void shouldDeleteATopicWithItsChannelsEvenIfMissing()
    {
        try (V1Client a = nsqd("a", "t c", "u d"))
        {
            assertEmpty(lookupd.post("/topic/delete?topic=t"));
            assertJson(404, "{\"message\":\"TOPIC_NOT_FOUND\"}", lookupd.get("/lookup?topic=t"));
            assertJson(200, "{\"channels\":[]}", lookupd.get("/channels?topic=t"));
            assertEmpty(lookupd.post("/topic/delete?topic=never"));
            assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.post("/topic/delete"));
            assertJson(200, "{\"topics\":[\"u\"]}", lookupd.get("/topics"));
        }
    }

    @Test
    void shouldCreateAChannelAndItsTopic()
    {
        assertEmpty(lookupd.post("/channel/create?topic=t&channel=c"));
        assertJson(200, "{\"channels\":[\"c\"],\"producers\":[]}", lookupd.get("/lookup?topic=t"));
    }

    @Test
    void shouldCheckChannelArgumentsInUpstreamOrder()
    {
        for (final String path : new String[] {"/channel/create", "/channel/delete"})
        {
            assertJson(400, "{\"message\":\"INVALID_REQUEST\"}", lookupd.post(path + "?topic=%"));
            assertJson(400, "{\"message\":\"MISSING_ARG_TOPIC\"}", lookupd.post(path + "?channel=c"));
            assertJson(400, "{\"message\":\"INVALID_ARG_TOPIC\"}", lookupd.post(path + "?topic=bad!&channel=bad!"));
            assertJson(400, "{\"message\":\"MISSING_ARG_CHANNEL\"}", lookupd.post(path + "?topic=t"));
            assertJson(400, "{\"message\":\"INVALID_ARG_CHANNEL\"}", lookupd.post(path + "?topic=t&channel=bad!"));
        }
    }

    @Test
    void shouldDeleteOnlyAnExistingChannel()
    {
        assertJson(404, "{\"message\":\"CHANNEL_NOT_FOUND\"}", lookupd.post("/channel/delete?topic=t&channel=c"));
        assertEmpty(lookupd.post("/channel/create?topic=t&channel=c"));
        assertEmpty(lookupd.post("/channel/delete?topic=t&channel=c"));
        assertJson(200, "{\"channels\":[],\"producers\":[]}", lookupd.get("/lookup?topic=t"));
    }

    @Test
    void shouldDumpEveryRegistrationWithProducersInDebug()
    {
        try (V1Client a = nsqd("a", "t c"))
        {
            lookupd.post("/topic/create?topic=empty");
            lookupd.post("/topic/tombstone?topic=t&node=a:4151");
            final long now = lookupd.clock.epochNanos();
            final String id = "127.0.0.1:" + a.localPort();
            final String fields = "{\"broadcast_address\":\"a\",\"hostname\":\"h-a\",\"http_port\":4151,\"id\":\"" + id
                + "\",\"last_update\":" + now + ",\"tcp_port\":4150,";
            final String untouched = fields + "\"tombstoned\":false,\"tombstoned_at\":-6795364578871345152,\"version\":\"1.3.0\"}";
            assertJson(200, "{\"channel:t:c\":[" + untouched + "],\"client::\":[" + untouched + "],\"topic:t:\":[" + fields
                + "\"tombstoned\":true,\"tombstoned_at\":" + now + ",\"version\":\"1.3.0\"}]}", lookupd.get("/debug"));
        }
    }

    @Test
    void shouldAnswerUnknownPathsAndWrongMethodsAsTheRouterDoes()
    {
        assertJson(404, "{\"message\":\"NOT_FOUND\"}", lookupd.get("/nope"));
        assertJson(404, "{\"message\":\"NOT_FOUND\"}", lookupd.get("/delete_topic?topic=t"));
        final HttpClient.Response post = lookupd.post("/lookup?topic=t");
        assertJson(405, "{\"message\":\"METHOD_NOT_ALLOWED\"}", post);
        assertEquals("GET, OPTIONS", post.header("Allow"));
        final HttpClient.Response get = lookupd.get("/topic/create?topic=t");
        assertJson(405, "{\"message\":\"METHOD_NOT_ALLOWED\"}", get);
        assertEquals("OPTIONS, POST", get.header("Allow"));
        final HttpClient.Response redirect = lookupd.get("/topics/");
        assertEquals(301, redirect.status());
        assertEquals("/topics", redirect.header("Location"));
    }
}
