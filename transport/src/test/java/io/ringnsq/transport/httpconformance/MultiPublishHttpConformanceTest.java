package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §3.2 {@code POST /mpub}: text mode (split on {@code \n}, empty lines skipped, {@code \r} kept),
 * binary mode ({@code [int32 count]} then {@code [int32 size][bytes]} per message, no leading total size;
 * errors are the TCP codes without {@code E_}, all 413), the size limits, and that {@code defer} is not
 * supported on /mpub in v1.3.0. Limits: max-msg-size 1024, max-body-size 4096, so at most
 * (4096 - 4) / 5 = 818 messages per binary body.
 */
final class MultiPublishHttpConformanceTest extends HttpConformanceTestBase
{
    static final int MAX_MSG = 1024;
    static final int MAX_BODY = 4096;
    static final int MAX_COUNT = (MAX_BODY - 4) / 5;

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.maxMsgSize(MAX_MSG).maxBodySize(MAX_BODY).maxReqTimeout(Duration.ofSeconds(60));
    }

    private V2Connection readyConsumer(final String topic)
    {
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(100);
        return consumer;
    }

    private static List<String> bodies(final List<Message> messages)
    {
        final List<String> bodies = new ArrayList<>();
        for (final Message message : messages)
        {
            bodies.add(message.bodyText());
            assertEquals(1, message.attempts(), () -> "first delivery: " + message);
        }
        return bodies;
    }

    private static byte[] binary(final String... messages)
    {
        final List<byte[]> list = new ArrayList<>();
        for (final String message : messages)
        {
            list.add(message.getBytes(StandardCharsets.UTF_8));
        }
        return Wire.mpubBody(list);
    }

    // ---------------------------------------------------------------- text mode

    @Test
    void textModeSplitsOnNewlinesAndSkipsEmptyLines()
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic, "a\nb\n\nc"), "OK");

        assertEquals(List.of("a", "b", "c"), bodies(consumer.expectMessages(3)), "in order, the last line without \\n too");
        consumer.expectNothing();
    }

    @Test
    void textModeKeepsCarriageReturns()
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic, "x\r\ny\r\n"), "OK");

        assertEquals(List.of("x\r", "y\r"), bodies(consumer.expectMessages(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n\n"})
    void textModeWithOnlyEmptyLinesAnswersOkAndPublishesNothing(final String body)
    {
        final String topic = unique("t");

        assertOkText(post("/mpub?topic=" + topic, body), "OK");

        assertEquals(0, Json.integer(topicStats(topic), "message_count"), "the topic exists, with nothing in it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0"})
    void textModeIsChosenByBinaryFalseOrZero(final String binary)
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic + "&binary=" + binary, "one\ntwo"), "OK");

        assertEquals(List.of("one", "two"), bodies(consumer.expectMessages(2)));
    }

    @Test
    void textModeAcceptsALineOfExactlyMaxMsgSize()
    {
        final String topic = unique("t");

        assertOkText(post("/mpub?topic=" + topic, "x".repeat(MAX_MSG) + "\n"), "OK");

        assertEquals(1, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void textModeLineAboveMaxMsgSizeIsMsgTooBigAndPublishesNothing()
    {
        final String topic = unique("t");

        assertError(post("/mpub?topic=" + topic, "ok\n" + "x".repeat(MAX_MSG + 1) + "\nok"), 413, "MSG_TOO_BIG");

        // the query is read first, so the topic exists; the batch is all or nothing
        assertEquals(0, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void textModeAcceptsABodyOfExactlyMaxBodySize()
    {
        final String topic = unique("t");
        final String line = "x".repeat(MAX_BODY / 4 - 1) + "\n";

        assertOkText(post("/mpub?topic=" + topic, line.repeat(4)), "OK");

        assertEquals(4, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void textModeChunkedBodyAboveMaxBodySizeIsBodyTooBig()
    {
        final String topic = unique("t");
        final byte[] line = Wire.ascii("y".repeat(999) + "\n");

        final HttpResponse response = exchange(HttpRequest.post("/mpub?topic=" + topic).chunked(line, line, line, line, line));

        assertError(response, 413, "BODY_TOO_BIG");
        assertEquals(0, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void contentLengthJustAboveMaxBodySizeIsBodyTooBig()
    {
        assertError(post("/mpub?topic=" + unique("t"), "z".repeat(MAX_BODY + 1)), 413, "BODY_TOO_BIG");
    }

    @Test
    void aLargeContentLengthIsBodyTooBigBeforeTheQueryAndWithoutTheBody()
    {
        // checked before anything else, so even without a topic; the body is never sent (see /pub)
        final HttpConnection connection = openHttp();
        connection.send(HttpRequest.post("/mpub").declaredLength(100L * 1024 * 1024));

        assertError(connection.readResponse(), 413, "BODY_TOO_BIG");
        // Go half-closes at once and drops the socket 500 ms later; any short linger is fine here
        clock.advanceMillis(1_000);
        connection.expectClosedWithin(PROMPT);
        assertStillServing();
    }

    @Test
    void chunkedTextBodyIsSplitAcrossChunkBoundaries()
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        final HttpResponse response = exchange(HttpRequest.post("/mpub?topic=" + topic)
            .chunked(Wire.ascii("a\nb"), Wire.ascii("b\nc")));

        assertOkText(response, "OK");
        assertEquals(List.of("a", "bb", "c"), bodies(consumer.expectMessages(3)));
    }

    @Test
    void deferIsIgnoredOnMpub()
    {
        // §3.2/§11: /mpub has no defer in v1.3.0 (nsq.io 2025 documents one that no release has)
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic + "&defer=5000", "now1\nnow2"), "OK");

        assertEquals(List.of("now1", "now2"), bodies(consumer.expectMessages(2)), "delivered without the clock moving");
    }

    // ---------------------------------------------------------------- query errors

    @Test
    void mpubWithoutTopicIsMissingArgTopicEvenWithAnEmptyBody()
    {
        // unlike /pub, /mpub reads the query before the body
        assertError(post("/mpub", ""), 400, "MISSING_ARG_TOPIC");
        assertError(post("/mpub", "a\nb"), 400, "MISSING_ARG_TOPIC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad!topic", "%23ephemeral"})
    void mpubWithAnInvalidTopicIsInvalidTopic(final String encodedTopic)
    {
        assertError(post("/mpub?topic=" + encodedTopic, "a"), 400, "INVALID_TOPIC");
    }

    @Test
    void mpubWithAnUnparsableQueryIsInvalidRequest()
    {
        assertError(post("/mpub?topic=%zz", "a"), 400, "INVALID_REQUEST");
    }

    // ---------------------------------------------------------------- binary mode

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "TRUE", "t", "yes", ""})
    void binaryModeIsChosenByTrueOneOrAnyUnknownValue(final String binary)
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic + "&binary=" + binary, binary("one", "two")), "OK");

        assertEquals(List.of("one", "two"), bodies(consumer.expectMessages(2)));
    }

    @Test
    void binaryModeKeepsNewlinesInsideMessages()
    {
        final String topic = unique("t");
        final V2Connection consumer = readyConsumer(topic);

        assertOkText(post("/mpub?topic=" + topic + "&binary=true", binary("line1\nline2", "\r\n")), "OK");

        assertEquals(List.of("line1\nline2", "\r\n"), bodies(consumer.expectMessages(2)));
    }

    @Test
    void binaryModeAcceptsTheMaximumCount()
    {
        final String topic = unique("t");
        final String[] messages = new String[MAX_COUNT];
        Arrays.fill(messages, "m");

        assertOkText(post("/mpub?topic=" + topic + "&binary=true", binary(messages)), "OK");

        assertEquals(MAX_COUNT, Json.integer(topicStats(topic), "message_count"));
    }

    @Test
    void binaryModeReadsExactlyCountMessagesAndIgnoresTrailingBytes()
    {
        // like TCP MPUB, nsqd reads count messages and never checks what is left
        final String topic = unique("t");
        final byte[] body = Wire.concat(binary("only"), Wire.ascii("trailing garbage"));

        assertOkText(post("/mpub?topic=" + topic + "&binary=true", body), "OK");

        assertEquals(1, Json.integer(topicStats(topic), "message_count"));
    }

    static Stream<Arguments> badBinaryBodies()
    {
        return Stream.of(
            Arguments.of("empty body: no count", new byte[0], "BAD_BODY"),
            Arguments.of("3 bytes: no whole count", new byte[] {0, 0, 0}, "BAD_BODY"),
            Arguments.of("count 0", Wire.int32(0), "BAD_BODY"),
            Arguments.of("count -1", Wire.int32(-1), "BAD_BODY"),
            Arguments.of("count above (max_body-4)/5", Wire.int32(MAX_COUNT + 1), "BAD_BODY"),
            Arguments.of("size 0", Wire.concat(Wire.int32(1), Wire.int32(0)), "BAD_MESSAGE"),
            Arguments.of("size -1", Wire.concat(Wire.int32(1), Wire.int32(-1)), "BAD_MESSAGE"),
            Arguments.of("size above max_msg", Wire.concat(Wire.int32(1), Wire.int32(MAX_MSG + 1), Wire.repeat('x', MAX_MSG + 1)),
                "BAD_MESSAGE"),
            Arguments.of("body shorter than its size", Wire.concat(Wire.int32(1), Wire.int32(5), Wire.ascii("abc")), "BAD_MESSAGE"),
            Arguments.of("second size missing", Wire.concat(Wire.int32(2), Wire.int32(1), Wire.ascii("a")), "BAD_MESSAGE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBinaryBodies")
    void binaryModeFormatErrorsAre413WithTheTcpCodeWithoutE(final String what, final byte[] body, final String code)
    {
        final String topic = unique("t");

        assertError(post("/mpub?topic=" + topic + "&binary=true", body), 413, code);

        assertEquals(0, Json.integer(topicStats(topic), "message_count"), "nothing of a bad batch is published");
    }

    @Test
    void binaryModeWithTheTcpLeadingBodySizeIsNotUnderstood()
    {
        // a TCP-style body ([body_len][count]...) read as HTTP binary: body_len 11 is taken as the count,
        // so the reader runs out of bytes. Not OK, and nothing published
        final String topic = unique("t");
        final byte[] tcpStyle = Wire.concat(Wire.int32(11), binary("abc"));

        final HttpResponse response = post("/mpub?topic=" + topic + "&binary=true", tcpStyle);

        assertStatus(413, response);
        assertEquals(0, Json.integer(topicStats(topic), "message_count"));
    }
}
