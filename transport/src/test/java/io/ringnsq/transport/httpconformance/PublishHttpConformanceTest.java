package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §3.2 {@code POST /pub}: success, every error of its row in order of checking (the body is read
 * and size-checked before the query is looked at; the topic is created before {@code defer} is
 * checked), and delivery of what it published to a TCP V2 consumer. Small limits make the size
 * checks cheap: max-msg-size 1024, max-body-size 4096, max-req-timeout 60 s.
 */
final class PublishHttpConformanceTest extends HttpConformanceTestBase
{
    static final int MAX_MSG = 1024;
    static final long MAX_REQ_TIMEOUT_MS = 60_000;

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context
            .maxMsgSize(MAX_MSG)
            .maxBodySize(4096)
            .maxReqTimeout(Duration.ofMillis(MAX_REQ_TIMEOUT_MS));
    }

    // ---------------------------------------------------------------- success and delivery

    @Test
    void pubAnswersOkAsPlainText()
    {
        assertOkText(post("/pub?topic=" + unique("t"), "hello"), "OK");
    }

    @Test
    void pubMessageReachesATcpConsumerWithAttemptsOneAndItsBytesIntact()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++)
        {
            body[i] = (byte)i;
        }

        assertOkText(post("/pub?topic=" + topic, body), "OK");

        final Message message = consumer.expectMessage();
        assertArrayEquals(body, message.body(), "every byte value, \\n and \\0 included, arrives unchanged");
        assertEquals(1, message.attempts());
        assertTrue(message.id().matches("[0-9a-f]{16}"), () -> "16 lowercase hex characters: " + message.id());
        assertEquals(clock.epochNanos(), message.timestamp(), "the timestamp is the (manual) wall clock at acceptance");
    }

    @Test
    void pubToATopicWithoutChannelsKeepsTheMessageForTheFirstChannel()
    {
        final String topic = unique("t");
        assertOkText(post("/pub?topic=" + topic, "kept"), "OK");
        assertEquals(1, Json.integer(topicStats(topic), "depth"));

        final V2Connection consumer = subscriber(topic, "first");
        consumer.rdy(1);
        assertEquals("kept", consumer.expectMessage().bodyText());
    }

    @Test
    void pubTakesTheBodyAsTheMessageWhateverTheContentType()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        final HttpResponse response = exchange(HttpRequest.post("/pub?topic=" + topic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("a=b&c=d"));

        assertOkText(response, "OK");
        assertEquals("a=b&c=d", consumer.expectMessage().bodyText(), "a form body is not parsed, it is the message");
    }

    @Test
    void pubReadsTheTopicOnlyFromTheQueryString()
    {
        final HttpResponse response = exchange(HttpRequest.post("/pub")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("topic=" + unique("t")));

        assertError(response, 400, "MISSING_ARG_TOPIC");
    }

    @Test
    void pubUsesTheFirstOfRepeatedTopicParameters()
    {
        final String first = unique("first");
        final String second = unique("second");

        assertOkText(post("/pub?topic=" + first + "&topic=" + second, "m"), "OK");

        assertEquals(1, Json.integer(topicStats(first), "message_count"));
        assertFalse(topicExists(second), "the second value is ignored");
    }

    @Test
    void pubDecodesPercentEncodedTopicNames()
    {
        final String topic = unique("pct");

        assertOkText(post("/pub?topic=%70%63%74" + topic.substring(3), "m"), "OK");

        assertEquals(1, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void pubAcceptsEphemeralTopicNames()
    {
        final String topic = unique("eph") + "#ephemeral";

        assertOkText(post("/pub?topic=" + enc(topic), "m"), "OK");

        assertEquals(1, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void pubAcceptsA64ByteTopicName()
    {
        final String topic = unique("long");
        final String name = topic + "x".repeat(64 - topic.length());

        assertOkText(post("/pub?topic=" + name, "m"), "OK");
    }

    @Test
    void pubAcceptsABodyOfExactlyMaxMsgSize()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        assertOkText(post("/pub?topic=" + topic, "m".repeat(MAX_MSG)), "OK");

        assertEquals(MAX_MSG, consumer.expectMessage().body().length);
    }

    @Test
    void pubAcceptsAChunkedBodyOfExactlyMaxMsgSize()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        final HttpResponse response = exchange(HttpRequest.post("/pub?topic=" + topic)
            .chunked(Wire.repeat('a', 1000), Wire.repeat('b', MAX_MSG - 1000)));

        assertOkText(response, "OK");
        final Message message = consumer.expectMessage();
        assertEquals("a".repeat(1000) + "b".repeat(MAX_MSG - 1000), message.bodyText());
    }

    @Test
    void pubWithAcceptVersionHeaderAnswersTheSame()
    {
        final HttpResponse response = exchange(HttpRequest.post("/pub?topic=" + unique("t"))
            .header("Accept", "application/vnd.nsq; version=1.0")
            .body("m"));

        assertOkText(response, "OK");
    }

    // ---------------------------------------------------------------- defer

    @Test
    void pubWithDeferHoldsTheMessageUntilTheDelayHasPassed()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final long acceptedAt = clock.epochNanos();

        assertOkText(post("/pub?topic=" + topic + "&defer=5000", "later"), "OK");

        final Map<String, Object> channel = channelStats(topic, "ch");
        assertEquals(1, Json.integer(channel, "deferred_count"));
        assertEquals(0, Json.integer(channel, "depth"), "deferred messages are not in depth");
        consumer.expectNothing();
        clock.advanceMillis(4_999);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message message = consumer.expectMessage(PROMPT);
        assertEquals("later", message.bodyText());
        assertEquals(1, message.attempts());
        assertEquals(acceptedAt, message.timestamp(), "the timestamp is the publish time, not the release time");
    }

    @Test
    void pubWithDeferZeroDeliversAtOnce()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        assertOkText(post("/pub?topic=" + topic + "&defer=0", "now"), "OK");

        assertEquals("now", consumer.expectMessage().bodyText());
    }

    @Test
    void pubAcceptsDeferEqualToMaxReqTimeout()
    {
        assertOkText(post("/pub?topic=" + unique("t") + "&defer=" + MAX_REQ_TIMEOUT_MS, "m"), "OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"60001", "-1", "abc", "", "1.5", "1e3", "99999999999999999999"})
    void pubRejectsABadDeferWithInvalidDefer(final String defer)
    {
        assertError(post("/pub?topic=" + unique("t") + "&defer=" + defer, "m"), 400, "INVALID_DEFER");
    }

    @Test
    void pubCreatesTheTopicBeforeCheckingDefer()
    {
        // upstream quirk (§3.2 details, §10): GetTopic runs before defer is parsed
        final String topic = unique("t");

        assertError(post("/pub?topic=" + topic + "&defer=abc", "m"), 400, "INVALID_DEFER");

        final Map<String, Object> stats = topicStats(topic);
        assertEquals(0, Json.integer(stats, "message_count"), "nothing was published");
        assertEquals(0, Json.integer(stats, "depth"));
    }

    // ---------------------------------------------------------------- errors, in upstream's order of checking

    @Test
    void pubWithAnEmptyBodyIsMsgEmpty()
    {
        assertError(post("/pub?topic=" + unique("t"), ""), 400, "MSG_EMPTY");
    }

    @Test
    void pubChecksTheBodyBeforeTheQuery()
    {
        assertError(post("/pub", ""), 400, "MSG_EMPTY");
        assertError(post("/pub?topic=bad!topic", ""), 400, "MSG_EMPTY");
        assertError(post("/pub?topic=" + unique("t") + "&defer=abc", ""), 400, "MSG_EMPTY");
        assertError(post("/pub", "m".repeat(MAX_MSG + 1)), 413, "MSG_TOO_BIG");
    }

    @Test
    void pubWithoutTopicIsMissingArgTopic()
    {
        assertError(post("/pub", "m"), 400, "MISSING_ARG_TOPIC");
        assertError(post("/pub?channel=x", "m"), 400, "MISSING_ARG_TOPIC");
    }

    static Stream<String> invalidTopics()
    {
        // names are 1-64 bytes of [.a-zA-Z0-9_-] with an optional "#ephemeral" suffix (§1.7); URL-encoded here
        return Stream.of("", "bad!topic", "a%20b", "%23ephemeral", "x%23ephemera", "a".repeat(65),
            "a".repeat(55) + "%23ephemeral");
    }

    @ParameterizedTest
    @MethodSource("invalidTopics")
    void pubWithAnInvalidTopicIsInvalidTopic(final String encodedTopic)
    {
        assertError(post("/pub?topic=" + encodedTopic, "m"), 400, "INVALID_TOPIC");
    }

    @Test
    void pubWithAnUnparsableQueryIsInvalidRequest()
    {
        assertError(post("/pub?topic=%zz", "m"), 400, "INVALID_REQUEST");
    }

    @Test
    void pubWithASemicolonInTheQueryIsInvalidRequest()
    {
        // upstream parses the query with Go's url.ParseQuery, which rejects ';' since Go 1.17
        assertError(post("/pub?topic=" + unique("t") + ";x=1", "m"), 400, "INVALID_REQUEST");
    }

    @Test
    void pubWithContentLengthJustAboveMaxMsgSizeIsMsgTooBig()
    {
        final String topic = unique("t");

        assertError(post("/pub?topic=" + topic, "m".repeat(MAX_MSG + 1)), 413, "MSG_TOO_BIG");
    }

    @Test
    void pubRejectsALargeContentLengthWithoutWaitingForTheBody()
    {
        // upstream checks req.ContentLength first. Above 256 KiB Go does not drain the unread body
        // but answers "Connection: close" and closes, so the client never has to send it
        final HttpConnection connection = openHttp();
        connection.send(HttpRequest.post("/pub?topic=" + unique("t")).declaredLength(10L * 1024 * 1024));

        assertError(connection.readResponse(), 413, "MSG_TOO_BIG");
        // Go half-closes at once and drops the socket 500 ms later; any short linger is fine here
        clock.advanceMillis(1_000);
        connection.expectClosedWithin(PROMPT);
        assertStillServing();
    }

    @Test
    void pubRejectsAChunkedBodyAboveMaxMsgSize()
    {
        final String topic = unique("t");

        final HttpResponse response = exchange(HttpRequest.post("/pub?topic=" + topic)
            .chunked(Wire.repeat('a', 1000), Wire.repeat('b', MAX_MSG + 1 - 1000)));

        assertError(response, 413, "MSG_TOO_BIG");
        assertFalse(topicExists(topic), "the body is checked before the topic is created");
    }

    @Test
    void pubWithABrokenChunkedBodyIsInternalError()
    {
        // §3.2: a body read error is 500 INTERNAL_ERROR. Go's server hands the chunked body to the handler
        // undecoded, and its io.ReadAll fails on the non-hex chunk size
        final HttpConnection connection = openHttp();
        connection.send(HttpRequest.post("/pub?topic=" + unique("t"))
            .header("Transfer-Encoding", "chunked")
            .rawBody(Wire.ascii("zz\r\nhello\r\n0\r\n\r\n")));

        final HttpResponse head = connection.readHead();

        assertStatus(500, head);
        assertError(connection.readBodyOf(head), 500, "INTERNAL_ERROR");
    }
}
