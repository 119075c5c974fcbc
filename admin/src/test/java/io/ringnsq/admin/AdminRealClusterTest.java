package io.ringnsq.admin;

import static io.ringnsq.admin.Shapes.assertKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.TestNsqd;
import io.ringnsq.lookup.Lookupd;
import io.ringnsq.lookup.LookupdContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** nsqadmin over a real ringnsq cluster in this JVM: an nsqlookupd and two nsqds registered with it. */
class AdminRealClusterTest
{
    private Lookupd lookupd;
    private TestNsqd a;
    private TestNsqd b;
    private Nsqadmin admin;
    private AdminClient api;
    private AdminClient lookupdApi;

    @BeforeEach
    void start() throws Exception
    {
        lookupd = Lookupd.start(new LookupdContext().tcpAddress("127.0.0.1:0").httpAddress("127.0.0.1:0").broadcastAddress("127.0.0.1"));
        final String lookupdTcp = "127.0.0.1:" + lookupd.tcpAddress().getPort();
        a = TestNsqd.startRegisteredWith(lookupdTcp);
        b = TestNsqd.startRegisteredWith(lookupdTcp);
        final String lookupdHttp = "127.0.0.1:" + lookupd.httpAddress().getPort();
        lookupdApi = new AdminClient("http://" + lookupdHttp);
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").lookupdHttpAddresses(List.of(lookupdHttp)));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        a.createChannel("orders", "billing");
        b.createChannel("orders", "billing");
        a.publish("orders", "1");
        b.publish("orders", "2");
        b.publish("orders", "3");
        AdminApiNsqdModeTest.waitFor(() -> lookupdProducers("orders") == 2);
    }

    private int lookupdProducers(final String topic)
    {
        try
        {
            return lookupdApi.get("/lookup?topic=" + topic).json().path("producers").size();
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    @AfterEach
    void stop() throws Exception
    {
        admin.close();
        a.close();
        b.close();
        lookupd.close();
    }

    @Test
    void shouldShowTheClusterThroughNsqlookupd() throws Exception
    {
        assertEquals("{\"topics\":[\"orders\"],\"message\":\"\"}", api.get("/api/topics").text());
        final JsonNode nodes = api.get("/api/nodes").json().path("nodes");
        assertEquals(2, nodes.size());
        for (final JsonNode n : nodes)
        {
            assertKeys(Shapes.NODE, n);
            assertTrue(n.path("remote_addresses").get(0).asText().startsWith("127.0.0.1:" + lookupd.httpAddress().getPort() + "/"));
            assertEquals("[{\"topic\":\"orders\",\"tombstoned\":false}]", n.path("topics").toString());
        }
        final JsonNode topic = api.get("/api/topics/orders").json();
        assertKeys(Shapes.TOPIC, topic, "message");
        assertEquals(3, topic.path("message_count").asLong());
        assertEquals(2, topic.path("nodes").size());
        assertEquals(3, api.get("/api/topics/orders/billing").json().path("depth").asLong());
    }

    @Test
    void shouldPauseAChannelOnEveryProducerLookupdNames() throws Exception
    {
        api.post("/api/topics/orders/billing", "{\"action\":\"pause\"}");
        assertTrue(a.channelStats("orders", "billing").path("paused").asBoolean());
        assertTrue(b.channelStats("orders", "billing").path("paused").asBoolean());
    }

    @Test
    void shouldCreateAndDeleteATopicInNsqlookupd() throws Exception
    {
        assertEquals("{\"message\":\"\"}", api.post("/api/topics", "{\"topic\":\"fresh\",\"channel\":\"ch\"}").text());
        assertTrue(lookupdApi.get("/topics").json().path("topics").toString().contains("\"fresh\""));
        assertEquals("{\"topics\":{\"fresh\":[\"ch\"]},\"message\":\"\"}", api.get("/api/topics?inactive=true").text());
        assertEquals(200, api.delete("/api/topics/fresh", "").status());
        assertFalse(lookupdApi.get("/topics").json().path("topics").toString().contains("\"fresh\""));
    }

    @Test
    void shouldTombstoneATopicOnOneNode() throws Exception
    {
        assertEquals("{\"message\":\"\"}", api.delete("/api/nodes/" + a.httpAddress(), "{\"topic\":\"orders\"}").text());
        assertNull(a.topicStats("orders"));
        assertNotNull(b.topicStats("orders"));
        AdminApiNsqdModeTest.waitFor(() -> lookupdProducers("orders") == 1);
        final JsonNode topic = api.get("/api/topics/orders").json();
        assertEquals(1, topic.path("nodes").size());
        assertEquals(b.httpAddress(), topic.path("nodes").get(0).path("node").asText());
    }
}
