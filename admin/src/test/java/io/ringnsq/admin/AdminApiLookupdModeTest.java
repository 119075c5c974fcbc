package io.ringnsq.admin;

import static io.ringnsq.admin.Shapes.assertKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.FakeLookupd;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nsqadmin with {@code --lookupd-http-address}: a stand-in lookupd answering in upstream's shapes (spec §4.3)
 * names a real in-process nsqd as the producer, whose {@code /stats} nsqadmin then reads.
 */
class AdminApiLookupdModeTest
{
    private TestNsqd nsqd;
    private FakeLookupd lookupd;
    private Nsqadmin admin;
    private AdminClient api;

    @BeforeEach
    void start() throws Exception
    {
        nsqd = TestNsqd.start();
        lookupd = new FakeLookupd();
        lookupd.ordersAndGhost(nsqd)
            .answer("/nodes", "{\"producers\":["
                + FakeLookupd.producer("node-a", nsqd, ",\"tombstones\":[false,true],\"topics\":[\"orders\",\"gone\"]")
                + ",{\"remote_address\":\"127.0.0.1:50002\",\"hostname\":\"node-old\",\"broadcast_address\":\"127.0.0.9\","
                + "\"tcp_port\":4150,\"http_port\":4151,\"version\":\"1.2.1\",\"tombstones\":[],\"topics\":[]}]}");
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").lookupdHttpAddresses(List.of(lookupd.httpAddress())));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        nsqd.createChannel("orders", "billing");
        nsqd.publish("orders", "a");
    }

    @AfterEach
    void stop() throws Exception
    {
        admin.close();
        lookupd.close();
        nsqd.close();
    }

    @Test
    void shouldListLookupdTopicsSorted() throws Exception
    {
        assertEquals("{\"topics\":[\"ghost\",\"orders\"],\"message\":\"\"}", api.get("/api/topics").text());
    }

    @Test
    void shouldListInactiveTopicsWithTheirChannels() throws Exception
    {
        assertEquals("{\"topics\":{\"ghost\":[\"old\"]},\"message\":\"\"}", api.get("/api/topics?inactive=true").text());
    }

    @Test
    void shouldReadTopicStatsFromTheProducersLookupdNames() throws Exception
    {
        final JsonNode topic = api.get("/api/topics/orders").json();
        assertKeys(Shapes.TOPIC, topic, "message");
        assertEquals(1, topic.path("message_count").asLong());
        assertEquals(nsqd.httpAddress(), topic.path("nodes").get(0).path("node").asText());
        assertEquals("node-a", topic.path("nodes").get(0).path("hostname").asText());
        assertEquals("billing", topic.path("channels").get(0).path("channel_name").asText());
    }

    @Test
    void shouldListNodesWithLookupdAddressesTombstonesAndOutOfDate() throws Exception
    {
        final JsonNode nodes = api.get("/api/nodes").json().path("nodes");
        assertEquals(2, nodes.size());
        final JsonNode a = nodes.get(0);
        assertKeys(Shapes.NODE, a);
        assertEquals("node-a", a.path("hostname").asText());
        assertEquals("[\"" + lookupd.httpAddress() + "/127.0.0.1:50001\"]", a.path("remote_addresses").toString());
        assertEquals("[{\"topic\":\"gone\",\"tombstoned\":true},{\"topic\":\"orders\",\"tombstoned\":false}]", a.path("topics").toString());
        assertEquals(false, a.path("out_of_date").asBoolean());
        assertEquals(true, nodes.get(1).path("out_of_date").asBoolean());
    }

    @Test
    void shouldCreateTopicAndChannelInLookupdAndTheChannelOnTheProducers() throws Exception
    {
        nsqd.post("/topic/create?topic=neworders", "");
        lookupd.answer("/lookup?topic=neworders", "{\"channels\":[],\"producers\":[" + FakeLookupd.producer("node-a", nsqd, "") + "]}");
        assertEquals("{\"message\":\"\"}", api.post("/api/topics", "{\"topic\":\"neworders\",\"channel\":\"audit\"}").text());
        assertTrue(lookupd.requests().contains("POST /topic/create?topic=neworders"), lookupd.requests().toString());
        assertTrue(lookupd.requests().contains("POST /channel/create?topic=neworders&channel=audit"), lookupd.requests().toString());
        assertNotNull(nsqd.channelStats("neworders", "audit"));
    }

    @Test
    void shouldDeleteATopicInLookupdAndOnItsProducers() throws Exception
    {
        assertEquals(200, api.delete("/api/topics/orders", "").status());
        assertTrue(lookupd.requests().contains("POST /topic/delete?topic=orders"), lookupd.requests().toString());
        assertNull(nsqd.topicStats("orders"));
    }

    @Test
    void shouldDeleteAChannelInLookupdAndOnItsProducers() throws Exception
    {
        assertEquals(200, api.delete("/api/topics/orders/billing", "").status());
        assertTrue(lookupd.requests().contains("POST /channel/delete?topic=orders&channel=billing"), lookupd.requests().toString());
        assertNull(nsqd.channelStats("orders", "billing"));
    }

    @Test
    void shouldTombstoneATopicProducerInLookupdAndDeleteTheTopicOnThatNode() throws Exception
    {
        final AdminClient.Answer answer = api.delete("/api/nodes/" + nsqd.httpAddress(), "{\"topic\":\"orders\"}");
        assertEquals("{\"message\":\"\"}", answer.text());
        assertTrue(lookupd.requests().contains("POST /topic/tombstone?topic=orders&node=" + nsqd.httpAddress().replace(":", "%3A")),
            lookupd.requests().toString());
        assertNull(nsqd.topicStats("orders"));
        assertEquals("{\"message\":\"INVALID_TOPIC\"}", api.delete("/api/nodes/" + nsqd.httpAddress(), "{\"topic\":\"\"}").text());
    }

    @Test
    void shouldWarnAboutALookupdThatIsDownAndStillShowTheOther() throws Exception
    {
        admin.close();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0")
            .lookupdHttpAddresses(List.of(lookupd.httpAddress(), "127.0.0.1:1")));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        final JsonNode topics = api.get("/api/topics").json();
        assertEquals("[\"ghost\",\"orders\"]", topics.path("topics").toString());
        final String message = topics.path("message").asText();
        assertTrue(message.startsWith("WARNING: ") && message.contains("127.0.0.1:1") && message.contains("refused"), message);
    }
}
