package io.ringnsq.transport.http;

import static io.ringnsq.transport.http.HttpKeepAliveTest.post;
import static io.ringnsq.transport.http.HttpKeepAliveTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;

import org.junit.jupiter.api.Test;

/** A client that does not read its answers is not read either; a failing service costs only its connection. */
class HttpBackPressureTest extends HttpServerTestBase
{
    private static final int REQUESTS = 20;


    @Test
    void shouldStopReadingRequestsWhileTheClientLeavesItsAnswersUnread() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n");
            client.read();
            server.connection(0).channel().setOption(StandardSocketOptions.SO_SNDBUF, 256 * 1024);

            client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".repeat(REQUESTS));
            waitFor(() -> service.requests.get() >= 2);
            Thread.sleep(100);
            assertTrue(service.requests.get() <= 3, "answered while nothing was read: " + service.requests.get());

            for (int i = 0; i < REQUESTS; i++)
            {
                server.advanceMillis(10); // the paused connection checks its output on a 5 ms timer
                assertEquals(TestService.BIG.length, client.read().body().length);
            }
            assertEquals(REQUESTS + 1, service.requests.get());
        }
    }

    @Test
    void shouldCloseWithoutAnswerWhenTheServiceThrowsAndServeOtherConnections() throws Exception
    {
        try (RawClient failing = server.connect(); RawClient other = server.connect())
        {
            failing.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(failing.isClosedByServer(2000));
            other.send(post("/echo", "still here"));
            assertEquals("still here", other.read().bodyText());
        }
    }

    @Test
    void shouldRefuseASecondAnswerToOneRequest() throws Exception
    {
        final HttpService twice = new HttpService()
        {
            @Override
            public BodyLimit bodyLimit(final HttpRequest head)
            {
                return BodyLimit.DISCARD;
            }

            @Override
            public void onRequest(final HttpExchange exchange)
            {
                exchange.respond(200, HttpHeaders.EMPTY, "one".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThrows(IllegalStateException.class, () -> exchange.respond(200, HttpHeaders.EMPTY, null));
                service.requests.incrementAndGet();
            }

            @Override
            public void onEngineEvent(final HttpExchange exchange, final io.ringnsq.core.link.OutboundEvent event)
            {
            }
        };
        server.close();
        server = new HttpTestServer(twice);
        try (RawClient client = server.connect())
        {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("one", client.read().bodyText());
            assertEquals(1, service.requests.get());
        }
    }
}
