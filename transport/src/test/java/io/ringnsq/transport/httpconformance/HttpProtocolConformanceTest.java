package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * HTTP/1.1 mechanics that real clients rely on (curl, Go's net/http, go-nsq, nsqadmin): keep-alive,
 * pipelining answered in order, {@code Expect: 100-continue}, chunked request bodies, HTTP/1.0 and
 * {@code Connection: close}, large responses. Plus robustness: a non-HTTP client (a V2 client that
 * dialled the wrong port, garbage) gets a 400 and is closed, a client that sends nothing or stops in the
 * middle of a request is closed once the clock moves on, and the daemon serves everyone else throughout.
 */
final class HttpProtocolConformanceTest extends HttpConformanceTestBase
{
    /** Far beyond any sensible idle deadline; upstream itself sets none (see the idle tests). */
    static final Duration IDLE_ADVANCE = Duration.ofHours(1);

    private static byte[] concat(final List<HttpRequest> requests)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final HttpRequest request : requests)
        {
            out.writeBytes(request.bytes());
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- keep-alive and pipelining

    @Test
    void severalRequestsShareOneKeepAliveConnection()
    {
        final String topic = unique("t");
        final HttpConnection connection = openHttp();

        assertEquals("OK", connection.exchange(HttpRequest.get("/ping")).text());
        assertOkText(connection.exchange(HttpRequest.post("/pub?topic=" + topic).body("k1")), "OK");
        assertStatus(200, connection.exchange(HttpRequest.get("/info")));
        assertOkEmpty(connection.exchange(HttpRequest.post("/channel/create?topic=" + topic + "&channel=c")));
        final HttpResponse stats = connection.exchange(HttpRequest.get("/stats?format=json&include_mem=false&topic=" + topic));

        assertStatus(200, stats);
        assertTrue(stats.text().contains("\"topic_name\":\"" + topic + "\""), stats::toString);
    }

    @Test
    void anErrorResponseKeepsTheConnectionUsable()
    {
        final HttpConnection connection = openHttp();

        assertError(connection.exchange(HttpRequest.post("/pub").body("m")), 400, "MISSING_ARG_TOPIC");
        assertError(connection.exchange(HttpRequest.get("/nope")), 404, "NOT_FOUND");
        assertError(connection.exchange(HttpRequest.get("/pub")), 405, "METHOD_NOT_ALLOWED");
        assertEquals("OK", connection.exchange(HttpRequest.get("/ping")).text());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(10);
        final HttpConnection connection = openHttp();

        connection.write(concat(List.of(
            HttpRequest.get("/ping"),
            HttpRequest.post("/pub?topic=" + topic).body("p1"),
            HttpRequest.get("/nope"),
            HttpRequest.post("/pub?topic=" + topic).chunked(Wire.ascii("p"), Wire.ascii("2")),
            HttpRequest.get("/config/max_msg_size"))));

        assertEquals("OK", connection.readResponse().text());
        assertOkText(connection.readResponse(), "OK");
        assertError(connection.readResponse(), 404, "NOT_FOUND");
        assertOkText(connection.readResponse(), "OK");
        assertOkJson(connection.readResponse(), "1048576");
        assertEquals("p1", consumer.expectMessage().bodyText());
        assertEquals("p2", consumer.expectMessage().bodyText());
    }

    @Test
    void manyPipelinedPublishesAreAllAnsweredAndKeepTheirOrder()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(100);
        final List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 100; i++)
        {
            requests.add(HttpRequest.post("/pub?topic=" + topic).body("m" + i));
        }
        final HttpConnection connection = openHttp();

        connection.write(concat(requests));

        for (int i = 0; i < 100; i++)
        {
            assertOkText(connection.readResponse(), "OK");
        }
        for (int i = 0; i < 100; i++)
        {
            assertEquals("m" + i, consumer.expectMessage().bodyText());
        }
    }

    @Test
    void aLargeResponseArrivesWhole()
    {
        // 300 topics with long names make /stats far larger than any socket or output buffer
        final List<HttpRequest> creates = new ArrayList<>();
        final String prefix = unique("large") + "-" + "x".repeat(40) + "-";
        for (int i = 0; i < 300; i++)
        {
            creates.add(HttpRequest.post("/topic/create?topic=" + prefix + i));
        }
        final HttpConnection connection = openHttp();
        connection.write(concat(creates));
        for (int i = 0; i < 300; i++)
        {
            assertOkEmpty(connection.readResponse());
        }

        final HttpResponse stats = connection.exchange(HttpRequest.get("/stats?format=json&include_mem=false"));

        assertStatus(200, stats);
        final long mine = Json.objects(Json.parseObject(stats.text()).get("topics")).stream()
            .filter(t -> ((String)t.get("topic_name")).startsWith(prefix)).count();
        assertEquals(300, mine);
        assertEquals("OK", connection.exchange(HttpRequest.get("/ping")).text(), "the connection is still in step");
    }

    // ---------------------------------------------------------------- request bodies

    @Test
    void expect100ContinueGetsAnInterimResponseBeforeTheBodyIsSent()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        final HttpConnection connection = openHttp();

        connection.send(HttpRequest.post("/pub?topic=" + topic).header("Expect", "100-continue").declaredLength(5));
        final HttpResponse interim = connection.readResponse();
        assertStatus(100, interim);
        connection.write("hello");

        assertOkText(connection.readResponse(), "OK");
        assertEquals("hello", consumer.expectMessage().bodyText());
    }

    @Test
    void expect100ContinueForATooBigBodyGetsTheFinalAnswerInstead()
    {
        final HttpConnection connection = openHttp();

        connection.send(HttpRequest.post("/pub?topic=" + unique("t")).header("Expect", "100-continue")
            .declaredLength(10L * 1024 * 1024));

        assertError(connection.readResponse(), 413, "MSG_TOO_BIG");
    }

    @Test
    void chunkedRequestBodiesAreReassembled()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);

        assertOkText(exchange(HttpRequest.post("/pub?topic=" + topic).chunked(Wire.ascii("hel"), Wire.ascii("l"), Wire.ascii("o"))), "OK");

        assertEquals("hello", consumer.expectMessage().bodyText());
    }

    @Test
    void chunkExtensionsAndTrailersAreIgnored()
    {
        // RFC 9112 §7.1.1/§7.1.2: a recipient ignores unknown chunk extensions and may drop trailers
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);

        final HttpResponse response = exchange(HttpRequest.post("/pub?topic=" + topic)
            .header("Transfer-Encoding", "chunked")
            .rawBody(Wire.ascii("3;name=value\r\nhel\r\n2\r\nlo\r\n0\r\nX-Trailer: t\r\n\r\n")));

        assertOkText(response, "OK");
        assertEquals("hello", consumer.expectMessage().bodyText());
    }

    @Test
    void aBodySentInPiecesIsWaitedFor()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        final HttpConnection connection = openHttp();

        connection.send(HttpRequest.post("/pub?topic=" + topic).declaredLength(10));
        connection.write("01234");
        connection.expectNothing(QUIET);
        connection.write("56789");

        assertOkText(connection.readResponse(), "OK");
        assertEquals("0123456789", consumer.expectMessage().bodyText());
    }

    // ---------------------------------------------------------------- connection close

    @Test
    void anHttp10RequestIsAnsweredAndTheConnectionClosed()
    {
        final HttpConnection connection = openHttp();

        final HttpResponse response = connection.exchange(HttpRequest.get("/ping").version("HTTP/1.0"));

        assertStatus(200, response);
        assertEquals("OK", response.text());
        connection.expectClosed();
    }

    @Test
    void connectionCloseIsHonoured()
    {
        final HttpConnection connection = openHttp();

        final HttpResponse response = connection.exchange(HttpRequest.get("/info").header("Connection", "close"));

        assertStatus(200, response);
        connection.expectClosed();
    }

    // ---------------------------------------------------------------- not HTTP

    static Stream<Arguments> notHttp()
    {
        return Stream.of(
            Arguments.of("a V2 client on the wrong port", Wire.concat(Wire.ascii("  V2"), Wire.identify("{\"client_id\":\"lost\"}"))),
            Arguments.of("a V2 client sending PUB", Wire.concat(Wire.ascii("  V2"), Wire.pub("t", "m"))),
            Arguments.of("garbage", Wire.ascii("GARBAGE\r\n\r\n")),
            Arguments.of("no protocol version", Wire.ascii("GET /ping\r\n\r\n")),
            Arguments.of("a header line without a colon", Wire.ascii("GET /ping HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n")),
            Arguments.of("binary", new byte[] {0, 1, 2, 3, (byte)0xff, (byte)0xfe, '\r', '\n', '\r', '\n'}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notHttp")
    void aClientThatDoesNotSpeakHttpGets400AndIsClosed(final String what, final byte[] bytes)
    {
        final HttpConnection connection = openHttp();

        connection.write(bytes);

        final HttpResponse head = connection.readHead();
        assertTrue(head.statusLine().startsWith("HTTP/1.1 400"), () -> what + ": expected an HTTP/1.1 400, got " + head);
        assertEquals("close", head.header("Connection"), () -> what + ": " + head);
        // tolerant of a short linger before the close; the next test wants it at once
        clock.advanceMillis(1_000);
        connection.readUntilClosed();
        assertStillServing();
    }

    @Test
    void theConnectionEndsRightAfterThe400()
    {
        // Go writes "400 Bad Request" with no Content-Length and closes the socket at once (conn.serve
        // returns), so a client reading the body to the close gets it immediately. The clock stays put here
        final HttpConnection connection = openHttp();

        connection.write(Wire.ascii("GARBAGE\r\n\r\n"));

        assertTrue(connection.readHead().statusLine().startsWith("HTTP/1.1 400"));
        connection.readUntilClosed();
    }

    // ---------------------------------------------------------------- stalled clients

    @Test
    void aClientThatSendsNothingIsEventuallyClosed()
    {
        // upstream's Go http.Server sets no read or idle timeout and would keep this socket forever;
        // ringnsq closes it, after a deadline the spec does not fix, so the clock moves far
        final HttpConnection idle = openHttp();
        idle.expectNothing(QUIET);
        assertStillServing();

        clock.advance(IDLE_ADVANCE);

        idle.expectClosedWithin(PROMPT);
        assertStillServing();
    }

    @Test
    void aClientThatStopsInTheMiddleOfARequestIsEventuallyClosed()
    {
        final HttpConnection stalled = openHttp();
        stalled.write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        stalled.expectNothing(QUIET);

        clock.advance(IDLE_ADVANCE);

        stalled.expectClosedWithin(PROMPT);
        assertStillServing();
    }

    @Test
    void aClientThatStopsInTheMiddleOfABodyIsEventuallyClosed()
    {
        final HttpConnection stalled = openHttp();
        stalled.send(HttpRequest.post("/pub?topic=" + unique("t")).declaredLength(100));
        stalled.write("only part of it");
        stalled.expectNothing(QUIET);

        clock.advance(IDLE_ADVANCE);

        stalled.expectClosedWithin(PROMPT);
        assertStillServing();
    }

    @Test
    void theDaemonServesOthersWhileClientsStall()
    {
        final String topic = unique("t");
        final HttpConnection silent = openHttp();
        final HttpConnection halfRequest = openHttp();
        halfRequest.write("POST /pub?topic=" + topic + " HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nabc");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(5);

        for (int i = 0; i < 5; i++)
        {
            assertOkText(post("/pub?topic=" + topic, "served " + i), "OK");
        }

        for (int i = 0; i < 5; i++)
        {
            assertEquals("served " + i, consumer.expectMessage().bodyText());
        }
        silent.expectNothing(Duration.ofMillis(50));
        halfRequest.expectNothing(Duration.ofMillis(50));
        assertStillServing();
    }
}
