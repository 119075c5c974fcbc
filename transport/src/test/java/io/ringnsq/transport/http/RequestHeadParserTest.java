package io.ringnsq.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The request head as Go's readRequest and ReadMIMEHeader read it. */
class RequestHeadParserTest
{
    @Test
    void shouldDecodeThePathAsGosUrlPathAndKeepTheRawQuery()
    {
        final HttpRequest r = parse("GET /topic%20x/a%2Fb?topic=t%201&x=a+b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("GET", r.method());
        assertEquals("/topic x/a/b", r.path());
        assertEquals("/topic%20x/a%2Fb", r.rawPath());
        assertEquals("topic=t%201&x=a+b", r.rawQuery());
        assertEquals("t 1", r.query("topic"));
        assertEquals("a b", r.query("x"));
        assertEquals("/topic%20x/a%2Fb?topic=t%201&x=a+b", r.requestUri());
        assertTrue(r.isHttp11());
    }

    @Test
    void shouldCanonicalizeHeaderNamesAndTrimValues()
    {
        final HttpRequest r = parse("POST /pub HTTP/1.1\r\nhost: h\r\nx-nsq-CONTENT-type:  \tv1 \t\r\n"
            + "accept: a\r\nAccept: b\r\n: ignored\r\n\r\n");
        assertEquals(4, r.headerCount(), "the line with an empty name is skipped");
        assertEquals("Host", r.headerName(0));
        assertEquals("X-Nsq-Content-Type", r.headerName(1));
        assertEquals("v1", r.header("x-nsq-content-type"));
        assertEquals(List.of("a", "b"), r.headers("Accept"));
        assertNull(r.header("Missing"));
    }

    @Test
    void shouldJoinFoldedHeaderLinesWithOneSpace()
    {
        final HttpRequest r = parse("GET / HTTP/1.1\r\nHost: h\r\nX-Folded: one\r\n  two\r\n\tthree \r\nX-Empty:\r\n next\r\n\r\n");
        assertEquals("one two three", r.header("X-Folded"));
        assertEquals("next", r.header("X-Empty"));
    }

    @Test
    void shouldAcceptBareLineFeeds()
    {
        final HttpRequest r = parse("GET /x HTTP/1.0\nX-A: 1\n\n");
        assertEquals("/x", r.path());
        assertEquals("1", r.header("X-A"));
        assertFalse(r.isHttp11());
    }

    @Test
    void shouldTakeAbsoluteAsteriskAndAuthorityTargets()
    {
        assertEquals("/p", parse("GET http://example.com:4151/p?q=1 HTTP/1.1\r\nHost: h\r\n\r\n").path());
        assertEquals("*", parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").path());
        assertEquals("", parse("CONNECT example.com:443 HTTP/1.1\r\n\r\n").path());
        assertEquals(RequestHeadParser.BAD_REQUEST, result("GET http://host:port/ HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void shouldWorkOutKeepAliveAsGoDoes()
    {
        assertFalse(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n").wantsClose);
        assertTrue(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n").wantsClose);
        assertTrue(parse("GET / HTTP/1.0\r\n\r\n").wantsClose);
        final HttpRequest keepAlive = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        assertFalse(keepAlive.wantsClose);
        assertTrue(keepAlive.wantsHttp10KeepAlive);
    }

    @Test
    void shouldReadTheBodyFramingAsGoDoes()
    {
        assertEquals(0, parse("POST / HTTP/1.1\r\nHost: h\r\n\r\n").contentLength());
        assertEquals(12, parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 012\r\n\r\n").contentLength());
        assertEquals(0, parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n").contentLength());
        assertEquals(-1, parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: CHUNKED\r\nContent-Length: 5\r\n\r\n").contentLength());
        // HTTP/1.0 ignores Transfer-Encoding
        assertEquals(5, parse("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n").contentLength());
        assertEquals(RequestHeadParser.UNSUPPORTED_TRANSFER_ENCODING,
            result("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"));
        assertEquals(RequestHeadParser.BAD_REQUEST, result("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    }

    @Test
    void shouldReadExpect()
    {
        assertTrue(parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n\r\n").expectsContinue);
        assertTrue(parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: foo\r\n\r\n").expectationFailed);
        assertFalse(parse("POST / HTTP/1.1\r\nHost: h\r\nExpect:\r\n\r\n").expectationFailed);
    }

    @Test
    void shouldRefuseMethodsThatAreNotTokens()
    {
        assertEquals(RequestHeadParser.BAD_REQUEST, result("G@T / HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals("PURGE", parse("PURGE / HTTP/1.1\r\nHost: h\r\n\r\n").method());
    }

    private static int result(final String head)
    {
        final HttpRequest r = request(head);
        return RequestHeadParser.parse(r);
    }

    private static HttpRequest parse(final String head)
    {
        final HttpRequest r = request(head);
        assertEquals(RequestHeadParser.OK, RequestHeadParser.parse(r), head);
        return r;
    }

    private static HttpRequest request(final String head)
    {
        final HttpRequest r = new HttpRequest();
        r.reset();
        r.head = head.getBytes(StandardCharsets.ISO_8859_1);
        r.headLength = r.head.length;
        return r;
    }
}
