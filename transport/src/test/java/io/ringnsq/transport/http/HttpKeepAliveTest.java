package io.ringnsq.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Connection reuse as Go decides it: HTTP/1.1 keep-alive, Connection: close, HTTP/1.0, HEAD, pipelining. */
class HttpKeepAliveTest extends HttpServerTestBase
{

    @Test
    void shouldAnswerSeveralRequestsOnOneKeepAliveConnection() throws Exception
    {
        try (RawClient client = server.connect())
        {
            for (int i = 0; i < 5; i++)
            {
                final String body = "message-" + i;
                client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                final RawClient.Response response = client.read();
                assertEquals("HTTP/1.1 200 OK", response.statusLine());
                assertEquals(body, response.bodyText());
                assertNull(response.header("Connection"));
            }
            assertFalse(client.isClosedByServer(50));
        }
        assertEquals(1, server.connections.size());
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhileAnEarlierOneWaitsForTheEngine() throws Exception
    {
        server.engine.hold();
        try (RawClient client = server.connect())
        {
            client.send(post("/engine", "first") + post("/echo", "second") + post("/engine", "third") + post("/echo", "fourth"));
            waitFor(() -> server.engine.commandCount() == 1);
            Thread.sleep(50);
            assertEquals(1, server.engine.commandCount(), "the next request waits until this one is answered");
            assertEquals(1, service.requests.get());

            server.engine.release(1);
            assertEquals("first", client.read().bodyText());
            assertEquals("second", client.read().bodyText());
            waitFor(() -> server.engine.commandCount() == 2);
            server.engine.release(1);
            assertEquals("third", client.read().bodyText());
            assertEquals("fourth", client.read().bodyText());
        }
    }

    @Test
    void shouldAnswerManyPipelinedRequestsFromOneWriteInOrder() throws Exception
    {
        final StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            requests.append(post(i % 2 == 0 ? "/echo" : "/engine", "r" + i));
        }
        try (RawClient client = server.connect())
        {
            client.send(requests.toString());
            for (int i = 0; i < 200; i++)
            {
                assertEquals("r" + i, client.read().bodyText());
            }
        }
    }

    @Test
    void shouldCloseAfterTheAnswerWhenTheClientSendsConnectionClose() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldAnswerHttp10WithAnHttp10StatusLineAndClose() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.0\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals("HTTP/1.0 200 OK", response.statusLine());
            assertNull(response.header("Connection"), "Go sends no Connection header to HTTP/1.0");
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldKeepAnHttp10ConnectionThatAsksForKeepAlive() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\na");
            final RawClient.Response first = client.read();
            assertEquals("HTTP/1.0 200 OK", first.statusLine());
            assertEquals("keep-alive", first.header("Connection"));
            client.send("POST /echo HTTP/1.0\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nb");
            assertEquals("b", client.read().bodyText());
            assertFalse(client.isClosedByServer(50));
        }
    }

    @Test
    void shouldAnswerHeadWithGetsHeadersAndNoBody() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("HEAD /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
            final RawClient.Response head = client.read(true);
            assertEquals(200, head.status());
            assertEquals("6", head.header("Content-Length"));
            assertEquals("text/plain; charset=utf-8", head.header("Content-Type"));
            // had a body been sent, it would be read as the next status line
            client.send("GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
            final RawClient.Response get = client.read();
            assertEquals("HTTP/1.1 200 OK", get.statusLine());
            assertEquals("status", get.bodyText());
        }
    }

    @Test
    void shouldSkipBlankLinesAnOldClientSendsAfterAPost() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na\r\n");
            assertEquals("a", client.read().bodyText());
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, client.read().status());
        }
    }

    static String post(final String path, final String body)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(1);
        }
    }
}
