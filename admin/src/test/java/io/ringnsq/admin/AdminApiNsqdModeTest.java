package io.ringnsq.admin;

import static io.ringnsq.admin.Shapes.assertKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.TestConsumer;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** nsqadmin with {@code --nsqd-http-address} for two real in-process ringnsq nsqds: upstream's API shapes and actions. */
class AdminApiNsqdModeTest
{
    private TestNsqd a;
    private TestNsqd b;
    private Nsqadmin admin;
    private AdminClient api;

    @BeforeEach
    void start() throws Exception
    {
        a = TestNsqd.start();
        b = TestNsqd.start();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(a.httpAddress(), b.httpAddress())));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        admin.close();
        a.close();
        b.close();
    }

    @Test
    void shouldListTheTopicsOfEveryNsqdSortedWithAnEmptyMessage() throws Exception
    {
        a.publish("zebra", "1");
        b.publish("apple", "1");
        a.publish("apple", "2");
        final AdminClient.Answer answer = api.get("/api/topics");
        assertEquals(200, answer.status());
        assertEquals("{\"topics\":[\"apple\",\"zebra\"],\"message\":\"\"}", answer.text());
        assertEquals("nsq; version=1.0", answer.raw().headers().firstValue("X-NSQ-Content-Type").orElse(""));
    }

    @Test
    void shouldSumTopicStatsOverBothNodesInUpstreamShape() throws Exception
    {
        a.createChannel("orders", "billing");
        b.createChannel("orders", "billing");
        a.publish("orders", "x");
        a.publish("orders", "y");
        b.publish("orders", "z");
        final JsonNode topic = api.get("/api/topics/orders").json();
        assertKeys(Shapes.TOPIC, topic, "message");
        assertEquals("*", topic.path("node").asText());
        assertEquals("orders", topic.path("topic_name").asText());
        assertEquals(3, topic.path("message_count").asLong());
        assertEquals(2, topic.path("nodes").size());
        for (final JsonNode node : topic.path("nodes"))
        {
            assertKeys(Shapes.TOPIC, node);
            assertTrue(List.of(a.httpAddress(), b.httpAddress()).contains(node.path("node").asText()), node.toString());
        }
        final JsonNode channel = topic.path("channels").get(0);
        assertKeys(Shapes.CHANNEL, channel);
        assertEquals("billing", channel.path("channel_name").asText());
        assertEquals(3, channel.path("depth").asLong());
        assertEquals(3, channel.path("memory_depth").asLong());
        assertEquals(2, channel.path("nodes").size());
        assertKeys(Shapes.E2E, topic.path("e2e_processing_latency"));
        assertEquals("", topic.path("message").asText());
    }

    @Test
    void shouldShowAChannelWithItsClientsInUpstreamShape() throws Exception
    {
        a.createChannel("t", "c");
        try (TestConsumer consumer = new TestConsumer(a.tcpPort(), "t", "c", "admin-test/1.0"))
        {
            a.publish("t", "hello");
            waitFor(() -> consumer.finished() == 1);
            final JsonNode channel = api.get("/api/topics/t/c").json();
            assertKeys(Shapes.CHANNEL, channel, "message");
            assertEquals(1, channel.path("client_count").asLong());
            final JsonNode client = channel.path("clients").get(0);
            assertKeys(Shapes.CLIENT, client);
            assertEquals(a.httpAddress(), client.path("node").asText());
            assertEquals("admin-test/1.0", client.path("user_agent").asText());
            assertEquals("consumer-host", client.path("hostname").asText());
            assertEquals(1, client.path("finish_count").asLong());
            assertTrue(client.path("connected").asLong() >= 0);
        }
    }

    @Test
    void shouldAnswerAMissingChannelWithItsMessageAlone() throws Exception
    {
        a.createChannel("t", "c");
        assertEquals("{\"message\":\"\"}", api.get("/api/topics/t/nope").text());
    }

    @Test
    void shouldListNodesWithVersionAndTopicsInUpstreamShape() throws Exception
    {
        a.publish("t1", "x");
        final JsonNode nodes = api.get("/api/nodes").json();
        assertKeys(List.of("nodes", "message"), nodes);
        assertEquals(2, nodes.path("nodes").size());
        final List<String> names = new ArrayList<>();
        for (final JsonNode n : nodes.path("nodes"))
        {
            assertKeys(Shapes.NODE, n);
            assertEquals("1.3.0", n.path("version").asText());
            assertFalse(n.path("out_of_date").asBoolean());
            names.add(n.path("broadcast_address").asText() + ":" + n.path("http_port").asInt());
            if (n.path("http_port").asInt() == a.httpPort())
            {
                assertEquals("[{\"topic\":\"t1\",\"tombstoned\":false}]", n.path("topics").toString());
            }
        }
        assertTrue(names.contains(a.httpAddress()) && names.contains(b.httpAddress()), names.toString());
    }

    @Test
    void shouldReportOneNodesTopicsAndTotalsAndNotFoundForAnUnknownNode() throws Exception
    {
        a.createChannel("t", "c");
        a.publish("t", "1");
        a.publish("t", "2");
        final JsonNode node = api.get("/api/nodes/" + a.httpAddress()).json();
        assertKeys(List.of("node", "topics", "total_messages", "total_clients", "message"), node);
        assertEquals(a.httpAddress(), node.path("node").asText());
        assertEquals(2, node.path("total_messages").asLong());
        assertEquals("t", node.path("topics").get(0).path("topic_name").asText());
        final AdminClient.Answer missing = api.get("/api/nodes/127.0.0.1:1");
        assertEquals(404, missing.status());
        assertEquals("{\"message\":\"NODE_NOT_FOUND\"}", missing.text());
    }

    @Test
    void shouldCountMessagesPerTopicChannelAndNode() throws Exception
    {
        a.createChannel("t", "c");
        b.createChannel("t", "c");
        a.publish("t", "1");
        b.publish("t", "2");
        b.publish("t", "3");
        final JsonNode stats = api.get("/api/counter").json().path("stats");
        final JsonNode onB = stats.path("t:c:" + b.httpAddress());
        assertKeys(Shapes.COUNTER, onB);
        assertEquals(2, onB.path("message_count").asLong());
        assertEquals(1, stats.path("t:c:" + a.httpAddress()).path("message_count").asLong());
    }

    @Test
    void shouldPauseAndUnpauseAChannelOnEveryNsqd() throws Exception
    {
        a.createChannel("t", "c");
        b.createChannel("t", "c");
        assertEquals("{\"message\":\"\"}", api.post("/api/topics/t/c", "{\"action\":\"pause\"}").text());
        assertTrue(a.channelStats("t", "c").path("paused").asBoolean());
        assertTrue(b.channelStats("t", "c").path("paused").asBoolean());
        assertTrue(api.get("/api/topics/t/c").json().path("paused").asBoolean());
        api.post("/api/topics/t/c", "{\"action\":\"unpause\"}");
        assertFalse(a.channelStats("t", "c").path("paused").asBoolean());
        assertFalse(b.channelStats("t", "c").path("paused").asBoolean());
    }

    @Test
    void shouldPauseEmptyAndDeleteATopic() throws Exception
    {
        a.createChannel("t", "c");
        a.publish("t", "1");
        api.post("/api/topics/t", "{\"action\":\"pause\"}");
        assertTrue(a.topicStats("t").path("paused").asBoolean());
        api.post("/api/topics/t/c", "{\"action\":\"empty\"}");
        assertEquals(0, a.channelStats("t", "c").path("depth").asLong());
        assertEquals(200, api.delete("/api/topics/t/c", "").status());
        assertNull(a.channelStats("t", "c"));
        assertEquals(200, api.delete("/api/topics/t", "").status());
        assertNull(a.topicStats("t"));
    }

    @Test
    void shouldCreateTopicAndChannelOnEveryNsqdInNsqdMode() throws Exception
    {
        assertEquals("{\"message\":\"\"}", api.post("/api/topics", "{\"topic\":\"fresh\",\"channel\":\"ch\"}").text());
        assertTrue(a.channelStats("fresh", "ch") != null && b.channelStats("fresh", "ch") != null);
    }

    @Test
    void shouldRefuseBadActionsAndBodiesAndNames() throws Exception
    {
        a.createChannel("t", "c");
        assertEquals("{\"message\":\"INVALID_ACTION\"}", api.post("/api/topics/t", "{\"action\":\"explode\"}").text());
        assertEquals(400, api.post("/api/topics/t", "not json").status());
        assertEquals("{\"message\":\"INVALID_TOPIC\"}", api.post("/api/topics", "{\"topic\":\"bad name!\"}").text());
        assertEquals("{\"message\":\"INVALID_CHANNEL\"}", api.post("/api/topics", "{\"topic\":\"ok\",\"channel\":\"b@d\"}").text());
        assertEquals(405, api.put("/api/topics", "{}").status());
        assertEquals(404, api.get("/api/nothing").status());
    }

    @Test
    void shouldServePingAndThePageForEveryUiRoute() throws Exception
    {
        assertEquals("OK", api.get("/ping").text());
        for (final String page : List.of("/", "/topics", "/topics/t", "/topics/t/c", "/nodes", "/nodes/n", "/counter", "/lookup"))
        {
            final AdminClient.Answer answer = api.get(page);
            assertEquals(200, answer.status(), page);
            assertTrue(answer.text().contains("<html"), page);
        }
        assertEquals(200, api.get("/static/app.js").status());
        assertEquals("gzip", api.getGzipped("/static/app.js").headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(404, api.get("/static/nope.js").status());
    }

    static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
