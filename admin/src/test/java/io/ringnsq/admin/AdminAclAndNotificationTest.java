package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.FakeLookupd;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --admin-user} with {@code --acl-http-header}, and {@code --notification-http-endpoint}, as upstream. */
class AdminAclAndNotificationTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestNsqd nsqd;
    private FakeLookupd endpoint;
    private Nsqadmin admin;
    private AdminClient api;

    @BeforeEach
    void start() throws Exception
    {
        nsqd = TestNsqd.start();
        endpoint = new FakeLookupd();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqd.httpAddress()))
            .adminUsers(List.of("alice")).aclHttpHeader("X-Auth-User")
            .notificationHttpEndpoint("http://" + endpoint.httpAddress() + "/notify"));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        nsqd.createChannel("t", "c");
    }

    @AfterEach
    void stop() throws Exception
    {
        admin.close();
        endpoint.close();
        nsqd.close();
    }

    @Test
    void shouldRefuseEveryActionOfAUserNotListedWith403() throws Exception
    {
        final String forbidden = "{\"message\":\"FORBIDDEN\"}";
        assertEquals(forbidden, api.post("/api/topics/t/c", "{\"action\":\"pause\"}").text());
        assertEquals(forbidden, api.post("/api/topics/t/c", "{\"action\":\"pause\"}", "X-Auth-User", "mallory").text());
        assertEquals(forbidden, api.post("/api/topics/t/c", "{\"action\":\"pause\"}", "X-Forwarded-User", "alice").text());
        assertEquals(403, api.post("/api/topics", "{\"topic\":\"x\"}").status());
        assertEquals(403, api.delete("/api/topics/t", "").status());
        assertEquals(403, api.delete("/api/topics/t/c", "").status());
        assertEquals(403, api.delete("/api/nodes/" + nsqd.httpAddress(), "{\"topic\":\"t\"}").status());
        assertFalse(nsqd.channelStats("t", "c").path("paused").asBoolean());
        assertEquals(200, api.get("/api/topics").status(), "reading needs no admin");
        assertTrue(endpoint.bodies().isEmpty(), "refused actions are not notified");
    }

    @Test
    void shouldLetAListedUserActAndNotifyTheEndpointInUpstreamShape() throws Exception
    {
        final String basic = "Basic " + Base64.getEncoder().encodeToString("bob:secret".getBytes());
        assertEquals(200, api.post("/api/topics/t/c", "{\"action\":\"pause\"}", "X-Auth-User", "alice", "Authorization", basic,
            "User-Agent", "admin-test-agent").status());
        assertTrue(nsqd.channelStats("t", "c").path("paused").asBoolean());
        AdminApiNsqdModeTest.waitFor(() -> !endpoint.bodies().isEmpty());
        assertEquals("POST /notify", endpoint.requests().get(0));
        final JsonNode n = JSON.readTree(endpoint.bodies().get(0));
        assertEquals(List.of("action", "topic", "channel", "timestamp", "user", "remote_ip", "user_agent", "url", "via"), Shapes.keys(n));
        assertEquals("pause_channel", n.path("action").asText());
        assertEquals("t", n.path("topic").asText());
        assertEquals("c", n.path("channel").asText());
        assertEquals("bob", n.path("user").asText());
        assertEquals("admin-test-agent", n.path("user_agent").asText());
        assertTrue(n.path("remote_ip").asText().startsWith("127.0.0.1:"), n.toString());
        assertTrue(n.path("url").asText().endsWith("/api/topics/t/c"), n.toString());
        assertTrue(Math.abs(n.path("timestamp").asLong() - System.currentTimeMillis() / 1000) < 60);
    }

    @Test
    void shouldNotifyEachActionWithUpstreamsActionNames() throws Exception
    {
        final String[] alice = {"X-Auth-User", "alice"};
        api.post("/api/topics", "{\"topic\":\"n1\",\"channel\":\"c1\"}", alice);
        api.post("/api/topics/t", "{\"action\":\"pause\"}", alice);
        api.post("/api/topics/t", "{\"action\":\"unpause\"}", alice);
        api.post("/api/topics/t", "{\"action\":\"empty\"}", alice);
        api.post("/api/topics/t/c", "{\"action\":\"unpause\"}", alice);
        api.post("/api/topics/t/c", "{\"action\":\"empty\"}", alice);
        api.delete("/api/topics/t/c", "", alice);
        api.delete("/api/topics/n1", "", alice);
        AdminApiNsqdModeTest.waitFor(() -> endpoint.bodies().size() >= 9);
        final List<String> actions = endpoint.bodies().stream().map(b -> readAction(b)).sorted().toList();
        assertEquals(List.of("create_channel", "create_topic", "delete_channel", "delete_topic", "empty_channel", "empty_topic",
            "pause_topic", "unpause_channel", "unpause_topic"), actions);
        final JsonNode createTopic = endpoint.bodies().stream().map(AdminAclAndNotificationTest::read)
            .filter(j -> j.path("action").asText().equals("create_topic")).findFirst().orElseThrow();
        assertEquals(Shapes.NOTIFICATION, Shapes.keys(createTopic), "no channel, node or user: left out");
    }

    private static String readAction(final String body)
    {
        return read(body).path("action").asText();
    }

    private static JsonNode read(final String body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldServeConfigToTheAllowedCidrAndChangeTheLogLevel() throws Exception
    {
        assertEquals("[\"" + nsqd.httpAddress() + "\"]", api.get("/config/nsqd_http_addresses").text());
        assertEquals("2", api.get("/config/log_level").text());
        assertEquals("3", api.put("/config/log_level", "warn").text());
        assertEquals("{\"message\":\"INVALID_VALUE\"}", api.put("/config/log_level", "loud").text());
        assertEquals("{\"message\":\"INVALID_OPTION\"}", api.put("/config/http_address", "x").text());
        api.put("/config/log_level", "info");
    }

    @Test
    void shouldRefuseConfigOutsideTheAllowedCidr() throws Exception
    {
        admin.close();
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqd.httpAddress()))
            .allowConfigFromCidr("10.0.0.0/8"));
        api = new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
        assertEquals("{\"message\":\"FORBIDDEN\"}", api.get("/config/log_level").text());
    }
}
