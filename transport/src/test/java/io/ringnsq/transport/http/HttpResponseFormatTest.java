package io.ringnsq.transport.http;

import static io.ringnsq.transport.http.HttpKeepAliveTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Responses laid out byte for byte as Go's net/http writes them (the manual clock reads 2026-01-01T00:00:00Z). */
class HttpResponseFormatTest
{
    private static final String DATE = "Date: Thu, 01 Jan 2026 00:00:00 GMT\r\n";

    private HttpTestServer server;

    @BeforeEach
    void start() throws Exception
    {
        server = new HttpTestServer(new TestService());
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldWriteNsqdsOkAsGoDoes() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send(post("/engine", "OK"));
            assertEquals("HTTP/1.1 200 OK\r\nX-Nsq-Content-Type: nsq; version=1.0\r\n" + DATE
                + "Content-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOK", client.read().raw());
        }
    }

    @Test
    void shouldWriteTheServicesHeadersSortedBeforeDateAndLength() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\n"
                + "X-Nsq-Content-Type: nsq; version=1.0\r\n" + DATE + "Content-Length: 23\r\n\r\n{\"message\":\"NOT_FOUND\"}",
                client.read().raw());
        }
    }

    @Test
    void shouldSendALengthAndNoContentTypeForAnEmptyBody() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("POST /empty HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK\r\nX-Nsq-Content-Type: nsq; version=1.0\r\n" + DATE + "Content-Length: 0\r\n\r\n",
                client.read().raw());
        }
    }

    @Test
    void shouldSendNeitherLengthNorBodyFor204And304() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /status/204 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 204 No Content\r\n" + DATE + "\r\n", client.read().raw());
            client.send("GET /status/304 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 304 Not Modified\r\n" + DATE + "\r\n", client.read().raw());
        }
    }

    @Test
    void shouldWriteGosTextForAStatusItDoesNotKnow() throws Exception
    {
        try (RawClient client = server.connect())
        {
            client.send("GET /status/599 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("HTTP/1.1 599 status code 599", client.read().statusLine());
        }
    }

    @Test
    void shouldSniffTheContentTypeOfABodyLikeGo()
    {
        assertEquals("text/plain; charset=utf-8", sniff("OK"));
        assertEquals("text/plain; charset=utf-8", sniff("{\"message\":\"x\"}"));
        assertEquals("text/html; charset=utf-8", sniff("  <html><body>"));
        assertEquals("text/xml; charset=utf-8", sniff("\n<?xml version=\"1.0\"?>"));
        assertEquals("application/pdf", sniff("%PDF-1.4"));
        assertEquals("application/octet-stream", sniff("\u0000\u0001binary"));
        assertEquals("image/png", ContentSniffer.detect(new byte[] {(byte)0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0}, 0, 9));
        assertEquals("application/x-gzip", ContentSniffer.detect(new byte[] {0x1f, (byte)0x8b, 8, 0}, 0, 4));
    }

    @Test
    void shouldFormatTheDateAsGoDoes()
    {
        final byte[] out = new byte[HttpDate.LENGTH];
        HttpDate.format(0, out);
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", new String(out, StandardCharsets.US_ASCII));
        HttpDate.format(784_111_777, out);
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", new String(out, StandardCharsets.US_ASCII));
        HttpDate.format(951_782_400, out);
        assertEquals("Tue, 29 Feb 2000 00:00:00 GMT", new String(out, StandardCharsets.US_ASCII));
        HttpDate.format(4_102_444_799L, out);
        assertEquals("Thu, 31 Dec 2099 23:59:59 GMT", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCanonicalizeAndSortTheServicesHeadersAsGoDoes()
    {
        final HttpHeaders headers = HttpHeaders.of("x-nsq-content-type", "nsq; version=1.0", "allow", "POST", "Allow", "OPTIONS",
            "content-type", " application/json\r\n ");
        assertEquals(List.of("Allow", "Allow", "Content-Type", "X-Nsq-Content-Type"),
            List.of(headers.name(0), headers.name(1), headers.name(2), headers.name(3)));
        assertEquals("Allow: POST\r\nAllow: OPTIONS\r\nContent-Type: application/json\r\nX-Nsq-Content-Type: nsq; version=1.0\r\n",
            headers.toString());
        assertEquals("POST", headers.get("ALLOW"));
        assertNull(headers.get("Date"));
    }

    @Test
    void shouldRefuseHeadersTheServerWritesItself()
    {
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("Content-Length", "1"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("transfer-encoding", "chunked"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("Connection", "close"));
        assertThrows(IllegalArgumentException.class, () -> HttpHeaders.of("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(100, HttpHeaders.EMPTY, "x"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(1000, HttpHeaders.EMPTY, "x"));
    }

    @Test
    void shouldKnowGosStatusTexts()
    {
        assertEquals("Request Entity Too Large", StatusText.of(413));
        assertEquals("Request Header Fields Too Large", StatusText.of(431));
        assertEquals("Method Not Allowed", StatusText.of(405));
        assertEquals("Service Unavailable", StatusText.of(503));
        assertEquals("", StatusText.of(599));
    }

    private static String sniff(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return ContentSniffer.detect(bytes, 0, bytes.length);
    }
}
