package io.ringnsq.transport.http;

import static io.ringnsq.transport.http.HttpKeepAliveTest.post;
import static io.ringnsq.transport.http.HttpKeepAliveTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idle and slow connections, timed with a manual clock: 60 s idle and 30 s read by default. */
class HttpTimeoutTest
{
    private final TestService service = new TestService();
    private HttpTestServer server;

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldCloseAConnectionThatNeverSendsAnythingAfterTheIdleTimeout() throws Exception
    {
        server = new HttpTestServer(service);
        try (RawClient client = server.connect())
        {
            server.connection(0);
            server.advanceSeconds(59);
            assertFalse(client.isClosedByServer(100));
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldCloseAnIdleKeepAliveConnectionAfterTheIdleTimeout() throws Exception
    {
        server = new HttpTestServer(service);
        try (RawClient client = server.connect())
        {
            server.advanceSeconds(50);
            client.send(post("/echo", "a"));
            assertEquals("a", client.read().bodyText());
            server.advanceSeconds(50); // 100 s since connecting, 50 s since the answer
            client.send(post("/echo", "b"));
            assertEquals("b", client.read().bodyText());
            server.advanceSeconds(59);
            assertFalse(client.isClosedByServer(100));
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldCloseWithoutAnswerARequestWhoseHeadTricklesInSlowerThanTheReadTimeout() throws Exception
    {
        server = new HttpTestServer(service);
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\n");
            waitFor(() -> !server.connections.isEmpty());
            Thread.sleep(50);
            server.advanceSeconds(20);
            client.send("Host: x\r\n");
            Thread.sleep(50);
            server.advanceSeconds(9);
            assertFalse(client.isClosedByServer(100));
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
            assertEquals(0, service.requests.get());
        }
    }

    @Test
    void shouldCloseARequestWhoseBodyTricklesInSlowerThanTheReadTimeout() throws Exception
    {
        server = new HttpTestServer(service);
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf.");
            waitFor(() -> service.bodyLimitCalls.get() == 1);
            server.advanceSeconds(29);
            assertFalse(client.isClosedByServer(100));
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldNotTimeOutARequestThatWaitsForTheEngine() throws Exception
    {
        server = new HttpTestServer(service);
        server.engine.hold();
        try (RawClient client = server.connect())
        {
            client.send(post("/engine", "slow"));
            waitFor(() -> server.engine.commandCount() == 1);
            server.advanceSeconds(300);
            assertFalse(client.isClosedByServer(100));
            server.engine.release(1);
            assertEquals("slow", client.read().bodyText());
        }
    }

    @Test
    void shouldUseTheConfiguredTimeouts() throws Exception
    {
        server = new HttpTestServer(service, HttpServerConfig.defaults()
            .idleTimeout(5, TimeUnit.SECONDS)
            .readTimeout(2, TimeUnit.SECONDS));
        try (RawClient idle = server.connect(); RawClient slow = server.connect())
        {
            slow.send("GET /empty HTTP/1.1\r\n");
            waitFor(() -> server.connections.size() == 2);
            Thread.sleep(50);
            server.advanceSeconds(2);
            assertTrue(slow.isClosedByServer(2000));
            assertFalse(idle.isClosedByServer(100));
            server.advanceSeconds(3);
            assertTrue(idle.isClosedByServer(2000));
        }
    }
}
