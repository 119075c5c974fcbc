package io.ringnsq.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Input Go's server refuses, answered byte for byte as Go answers it, then the connection closes. */
class HttpMalformedInputTest extends HttpServerTestBase
{
    static final String BAD_REQUEST =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request";


    @Test
    void shouldAnswer400ToARequestLineWithoutTarget() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET\r\n\r\n");
            expectError(server, client, BAD_REQUEST);
        }
        assertEquals(0, service.requests.get());
    }

    @Test
    void shouldAnswer400ToBinaryJunkAtOnce() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte)0xfc, 0x03, 0x03});
            expectError(server, client, BAD_REQUEST);
        }
    }

    @Test
    void shouldAnswer400ToTheNsqMagicWithoutWaitingForALine() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("  V2");
            expectError(server, client, BAD_REQUEST);
        }
    }

    @Test
    void shouldAnswer400ToAV2ClientThatGoesOnWithIdentify() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("  V2IDENTIFY\n\u0000\u0000\u0000\u0002{}");
            expectError(server, client, BAD_REQUEST);
        }
    }

    @Test
    void shouldAnswer431ToAHeadOverOneMegabyte() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(5000);
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeHugeHead(socket));
            final String expected = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\n\r\n431 Request Header Fields Too Large";
            final byte[] answer = socket.getInputStream().readNBytes(expected.length());
            assertEquals(expected, new String(answer, StandardCharsets.ISO_8859_1));
            writer.join(); // the server drops what still comes (Go's closeWriteAndWait) rather than resetting
            server.advanceSeconds(1);
            assertEquals(-1, socket.getInputStream().read());
        }
        assertEquals(0, service.requests.get());
    }

    @Test
    void shouldTakeAHeadJustUnderOneMegabyte() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1_000_000) + "\r\n\r\n");
            assertEquals(200, client.read().status());
        }
    }

    @Test
    void shouldAnswer400WithGoReasonWhenAnHttp11RequestHasNoHost() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\n\r\n");
            expectError(server, client, "HTTP/1.1 400 Bad Request: missing required Host header\r\nContent-Type: text/plain; "
                + "charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: missing required Host header");
        }
    }

    @Test
    void shouldAnswer400ToAMalformedHost() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: a b\r\n\r\n");
            expectError(server, client, "HTTP/1.1 400 Bad Request: malformed Host header\r\nContent-Type: text/plain; "
                + "charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: malformed Host header");
        }
    }

    @Test
    void shouldAnswer501ToAnUnsupportedTransferEncoding() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
            expectError(server, client, "HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\n\r\nUnsupported transfer encoding");
        }
    }

    @Test
    void shouldAnswer505ToHttp2() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET / HTTP/2.0\r\nHost: x\r\n\r\n");
            expectError(server, client, "HTTP/1.1 505 HTTP Version Not Supported: unsupported protocol version\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + "505 HTTP Version Not Supported: unsupported protocol version");
        }
    }

    @Test
    void shouldAnswer400ToAMalformedVersion() throws Exception
    {
        for (final String version : new String[] {"HTTP/1.10", "HTTP/1", "http/1.1", "HTTP/1.1 extra", "HTTP/1.1\r"})
        {
            try (RawClient client = server.connect())
            {
                client.send("GET / " + version + "\r\nHost: x\r\n\r\n");
                expectError(server, client, BAD_REQUEST);
            }
        }
    }

    @Test
    void shouldAnswer400ToABadContentLength() throws Exception
    {
        for (final String lengths : new String[] {"Content-Length: -1\r\n", "Content-Length: 1x\r\n", "Content-Length: +5\r\n",
            "Content-Length: 3\r\nContent-Length: 4\r\n", "Content-Length: 99999999999999999999\r\n"})
        {
            try (RawClient client = server.connect())
            {
                client.send("POST /echo HTTP/1.1\r\nHost: x\r\n" + lengths + "\r\nabc");
                expectError(server, client, BAD_REQUEST);
            }
        }
    }

    @Test
    void shouldTakeRepeatedEqualContentLengths() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals("abc", client.read().bodyText());
        }
    }

    @Test
    void shouldAnswer400ToABadTarget() throws Exception
    {
        for (final String target : new String[] {"/a%zz", "/a%2", "noslash", ":nothing"})
        {
            try (RawClient client = server.connect())
            {
                client.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
                expectError(server, client, BAD_REQUEST);
            }
        }
    }

    @Test
    void shouldAnswer400ToBadHeaderLines() throws Exception
    {
        for (final String header : new String[] {"NoColon\r\n", " Folded: first\r\n", "Bad Name: x\r\n", "Name : x\r\n"})
        {
            try (RawClient client = server.connect())
            {
                client.send("GET /empty HTTP/1.1\r\n" + header + "Host: x\r\n\r\n");
                expectError(server, client, BAD_REQUEST);
            }
        }
    }

    @Test
    void shouldAnswer400WithGoReasonToAControlByteInAHeaderValue() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n");
            expectError(server, client, "HTTP/1.1 400 Bad Request: invalid header value\r\nContent-Type: text/plain; "
                + "charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: invalid header value");
        }
    }

    @Test
    void shouldAnswer417ToAnExpectationOtherThan100Continue() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n");
            final RawClient.Response response = client.read();
            assertEquals("HTTP/1.1 417 Expectation Failed\r\nConnection: close\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
                + "Content-Length: 0\r\n\r\n", response.raw());
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldAnswer400WhenTheClientStopsInsideTheHead() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\n");
            client.shutdownOutput();
            expectError(server, client, BAD_REQUEST);
        }
    }

    @Test
    void shouldCloseSilentlyWhenTheClientStopsBetweenRequests() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n");
            client.shutdownOutput();
            assertEquals(200, client.read().status());
            assertTrue(client.isClosedByServer(2000));
        }
    }

    @Test
    void shouldKeepTheConnectionAfterAQueryThatGoCannotParse() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /describe?a=%zz&b=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            final String body = client.read().bodyText();
            assertTrue(body.contains("queryInvalid=true\n"), body);
            assertTrue(body.contains("q:b=1\n"), body);
            assertFalse(client.isClosedByServer(50));
        }
    }

    /** Reads Go's error answer exactly, then checks the connection ends right after it, as Go ends it. */
    static void expectError(final HttpTestServer server, final RawClient client, final String expected) throws IOException
    {
        assertEquals(expected, client.readExactly(expected.length()));
        assertTrue(client.isClosedByServer(2000), "closed right after the error answer");
    }

    private static void writeHugeHead(final Socket socket)
    {
        try
        {
            final OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            final byte[] line = ("X-Filler: " + "f".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1200; i++)
            {
                out.write(line);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            // the server answered and closed before the head was all sent
        }
    }
}
