package io.ringnsq.transport.http;

import static io.ringnsq.transport.http.HttpKeepAliveTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Request bodies: Content-Length, chunked, 100-continue, and the service's limit applied before buffering. */
class HttpBodyTest extends HttpServerTestBase
{
    private static final String TOO_BIG = "{\"message\":\"MSG_TOO_BIG\"}";


    @Test
    void shouldReadABodyByContentLengthThatArrivesInPieces() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello");
            Thread.sleep(20);
            client.send(" world");
            assertEquals("hello world", client.read().bodyText());
        }
    }

    @Test
    void shouldReadAChunkedBodyWithExtensionsAndTrailers() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n");
            assertEquals("hello world", client.read().bodyText());
            client.send(post("/echo", "next"));
            assertEquals("next", client.read().bodyText(), "the connection goes on after the trailer");
        }
    }

    @Test
    void shouldReadAChunkedBodySentOneByteAtATime() throws Exception
    {
        final String request = "POST /engine HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"
            + "3\r\nabc\r\nA\r\n0123456789\r\n0\r\n\r\n";
        try (RawClient client = server.connect())
        {
            for (final char c : request.toCharArray())
            {
                client.send(String.valueOf(c));
            }
            assertEquals("abc0123456789", client.read().bodyText());
        }
    }

    @Test
    void shouldSend100ContinueBeforeReadingABodyTheServiceWants() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", client.readExactly(25));
            client.send("body");
            final RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("body", response.bodyText());
        }
    }

    @Test
    void shouldAnswerTooBigWithout100ContinueWhenTheDeclaredBodyIsOverTheLimit() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2048\r\n\r\n");
            final RawClient.Response response = client.read();
            assertTrue(response.raw().startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), response.raw());
            assertEquals(TOO_BIG, response.bodyText());
            assertEquals("close", response.header("Connection"));
            assertEquals(1, service.bodyLimitCalls.get());
            assertEquals(0, service.requests.get());
        }
    }

    @Test
    void shouldAnswer413AtOnceWithoutReadingADeclared100MegabyteBody() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals(413, response.status());
            assertEquals(TOO_BIG, response.bodyText());
            assertEquals("close", response.header("Connection"));
            assertEquals("nsq; version=1.0", response.header("X-Nsq-Content-Type"));
            assertEquals(HttpTestServer.INPUT_CAPACITY, server.connection(0).input().capacity(), "nothing was buffered");

            server.advanceSeconds(1); // past the linger that lets a client still sending read the answer
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldAnswer413AsSoonAsAChunkedBodyPassesTheLimit() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "400\r\n" + "x".repeat(1024) + "\r\n" + "1\r\n");
            final RawClient.Response response = client.read();
            assertEquals(413, response.status());
            assertEquals(TOO_BIG, response.bodyText());
            assertEquals("close", response.header("Connection"));
        }
    }

    @Test
    void shouldTakeAChunkedBodyOfExactlyTheLimit() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "200\r\n" + "a".repeat(512) + "\r\n" + "200\r\n" + "b".repeat(512) + "\r\n0\r\n\r\n");
            assertEquals("a".repeat(512) + "b".repeat(512), client.read().bodyText());
        }
    }

    @Test
    void shouldSkipABodyTheServiceDoesNotWantAndKeepTheConnection() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send(post("/discard", "ignored body"));
            final RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("", response.bodyText());
            client.send("POST /discard HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nskip\r\n0\r\n\r\n");
            assertEquals(200, client.read().status());
            client.send(post("/echo", "kept"));
            assertEquals("kept", client.read().bodyText());
        }
    }

    @Test
    void shouldAnswerAndCloseWhenAnUnwantedBodyIsTooLongToSkip() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /discard HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("close", response.header("Connection"));
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldNotAskTheServiceForALimitWhenThereIsNoBody() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("", client.read().bodyText());
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertEquals("", client.read().bodyText());
            assertEquals(0, service.bodyLimitCalls.get());
        }
    }

    @Test
    void shouldPreferChunkedOverContentLengthAsGoDoes() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nok\r\n0\r\n\r\n");
            assertEquals("ok", client.read().bodyText());
            assertFalse(client.isClosedByServer(50));
        }
    }

    @Test
    void shouldLetTheServiceAnswerADeclaredBodyOverItsLimitUnread() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /service HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals(413, response.status());
            assertEquals("{\"message\":\"BODY_TOO_BIG\"}", response.bodyText());
            assertEquals("close", response.header("Connection"));
            assertEquals(HttpTestServer.INPUT_CAPACITY, server.connection(0).input().capacity(), "nothing was buffered");
            server.advanceSeconds(1);
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldLetTheServiceAnswerAChunkedBodyThatPassesItsLimit() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /service HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "400\r\n" + "x".repeat(1024) + "\r\n" + "1\r\n");
            final RawClient.Response response = client.read();
            assertEquals(413, response.status());
            assertEquals("close", response.header("Connection"));
        }
    }

    @Test
    void shouldLetTheServiceAnswerABodyWithBrokenFramingAndThenClose() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /service HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals(500, response.status());
            assertEquals("{\"message\":\"INTERNAL_ERROR\"}", response.bodyText());
            assertEquals("close", response.header("Connection"));
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldLetTheServiceAnswerABodyTheClientStoppedSending() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /service HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf");
            client.shutdownOutput();
            assertEquals(500, client.read().status());
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldGiveTheServiceAWholeBodyAsComplete() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send(post("/service", "whole"));
            assertEquals("whole", client.read().bodyText());
            assertFalse(client.isClosedByServer(50));
        }
    }

    @Test
    void shouldAnswer400ToAMalformedChunkSize() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            HttpMalformedInputTest.expectError(server, client, HttpMalformedInputTest.BAD_REQUEST);
        }
    }

    @Test
    void shouldAnswer400ToChunkDataNotFollowedByCrlf() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX");
            HttpMalformedInputTest.expectError(server, client, HttpMalformedInputTest.BAD_REQUEST);
        }
    }
}
