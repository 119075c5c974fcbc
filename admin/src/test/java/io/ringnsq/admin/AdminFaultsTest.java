package io.ringnsq.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringnsq.admin.support.AdminClient;
import io.ringnsq.admin.support.BadNode;
import io.ringnsq.admin.support.TestNsqd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An nsqd that is down, slow or answers garbage is named in "message"; the good node still shows; all bad is 502. */
class AdminFaultsTest
{
    private TestNsqd good;
    private BadNode garbage;
    private BadNode slow;
    private Nsqadmin admin;

    @BeforeEach
    void start() throws Exception
    {
        good = TestNsqd.start();
        garbage = BadNode.garbage();
        slow = BadNode.slow(5_000);
        good.publish("alive", "1");
    }

    @AfterEach
    void stop() throws Exception
    {
        if (admin != null)
        {
            admin.close();
        }
        garbage.close();
        slow.close();
        good.close();
    }

    private AdminClient adminFor(final String... nsqds) throws Exception
    {
        admin = Nsqadmin.start(new AdminContext().httpAddress("127.0.0.1:0").nsqdHttpAddresses(List.of(nsqds))
            .httpClientConnectTimeout(Duration.ofMillis(500)).httpClientRequestTimeout(Duration.ofMillis(400)));
        return new AdminClient("http://127.0.0.1:" + admin.httpAddress().getPort());
    }

    @Test
    void shouldNameEachBadNodeAndWhyWhileShowingTheGoodOne() throws Exception
    {
        final AdminClient api = adminFor(good.httpAddress(), "127.0.0.1:1", garbage.httpAddress(), slow.httpAddress());
        final long start = System.nanoTime();
        final JsonNode topics = api.get("/api/topics").json();
        final long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("[\"alive\"]", topics.path("topics").toString());
        final String message = topics.path("message").asText();
        assertTrue(message.startsWith("WARNING: "), message);
        assertTrue(message.contains("http://127.0.0.1:1/stats") && message.contains("connection refused"), message);
        assertTrue(message.contains(garbage.httpAddress()) && message.contains("invalid JSON"), message);
        assertTrue(message.contains(slow.httpAddress()) && message.contains("timed out"), message);
        assertTrue(tookMs < 3_000, "the slow node held the answer " + tookMs + " ms");
    }

    @Test
    void shouldListTheGoodNodeAmongBadOnesOnTheNodesPage() throws Exception
    {
        final AdminClient api = adminFor(good.httpAddress(), garbage.httpAddress());
        final JsonNode nodes = api.get("/api/nodes").json();
        assertEquals(1, nodes.path("nodes").size());
        assertTrue(nodes.path("message").asText().contains(garbage.httpAddress()));
    }

    @Test
    void shouldAnswer502UpstreamErrorWhenEveryNodeFails() throws Exception
    {
        final AdminClient api = adminFor("127.0.0.1:1", garbage.httpAddress());
        final AdminClient.Answer answer = api.get("/api/topics");
        assertEquals(502, answer.status());
        assertTrue(answer.json().path("message").asText().startsWith("UPSTREAM_ERROR: "), answer.text());
    }

    @Test
    void shouldKeepServingPagesWhileASlowNodeHoldsApiCalls() throws Exception
    {
        final AdminClient api = adminFor(slow.httpAddress(), good.httpAddress());
        final Thread caller = new Thread(() ->
        {
            try
            {
                api.get("/api/topics");
            }
            catch (final Exception ex)
            {
                // only the overlap matters
            }
        });
        caller.start();
        final long start = System.nanoTime();
        assertEquals("OK", api.get("/ping").text());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 300, "the I/O agent waited for a node");
        caller.join();
    }
}
