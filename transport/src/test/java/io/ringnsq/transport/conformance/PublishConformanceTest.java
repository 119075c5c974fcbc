package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.5 PUB, MPUB, DPUB: success, every parameter and body error with its exact text, and the order
 * of the checks (topic before body; sizes refused from the size field alone). Default limits, so the
 * texts read {@code > 1048576} and {@code > 5242880} as in the spec.
 */
final class PublishConformanceTest extends ConformanceTestBase
{
    // ------------------------------------------------------------------ PUB

    @Test
    void shouldAnswerOkToPubAndDeliverTheBody()
    {
        final String topic = unique("t");
        final V2Connection producer = connect();
        producer.write(Wire.pub(topic, "hello"));
        producer.expectOk();

        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        assertEquals("hello", consumer.expectMessage().bodyText());
    }

    @Test
    void shouldAcceptPubOfExactlyMaxMsgSize()
    {
        final V2Connection producer = connect();
        producer.send("PUB " + unique("t"), new byte[1_048_576]);

        producer.expectOk();
    }

    @Test
    void shouldDeliverLargeBodyByteForByte()
    {
        final String topic = unique("t");
        final byte[] body = new byte[200_000];
        new Random(7).nextBytes(body);
        final V2Connection producer = connect();
        producer.send("PUB " + topic, body);
        producer.expectOk();

        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        assertArrayEquals(body, consumer.expectMessage().body());
    }

    @Test
    void shouldPublishLargePubPipelinedBehindAnotherCommandExactlyOnce()
    {
        // the large body arrives in the same read as the PUB before it, after the magic was consumed
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        final V2Connection producer = connect().sync();
        producer.write(Wire.concat(Wire.pub(topic, "small"), Wire.withBody("PUB " + topic, Wire.repeat('L', 100_000))));

        producer.expectOk();
        producer.expectOk();
        producer.expectNothing();
        assertDeliveredExactly(consumer, Set.of("small", "L".repeat(100_000)));
    }

    @Test
    void shouldPublishLargeMpubPipelinedBehindAnotherCommandExactlyOnce()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        final V2Connection producer = connect().sync();
        producer.write(Wire.concat(Wire.pub(topic, "first"),
            Wire.withBody("MPUB " + topic, Wire.mpubBody(List.of(Wire.repeat('a', 60_000), Wire.repeat('b', 60_000))))));

        producer.expectOk();
        producer.expectOk();
        producer.expectNothing();
        assertDeliveredExactly(consumer, Set.of("first", "a".repeat(60_000), "b".repeat(60_000)));
    }

    /** The consumer (RDY 0 so far) gets exactly these bodies: once each, and no further copy. */
    private static void assertDeliveredExactly(final V2Connection consumer, final Set<String> bodies)
    {
        consumer.rdy(bodies.size());
        final List<Message> messages = consumer.expectMessages(bodies.size());
        assertEquals(bodies, messages.stream().map(Message::bodyText).collect(Collectors.toSet()));
        // a window of one after FINs: any extra (duplicate) message would be sent and flushed now
        consumer.rdy(1);
        messages.forEach(m -> consumer.fin(m.id()));
        consumer.syncInFlight();
        consumer.expectNothing();
    }

    @Test
    void shouldRefusePubWithoutTopic()
    {
        final V2Connection producer = connect();
        producer.send("PUB");

        producer.expectFatalError("E_INVALID PUB insufficient number of parameters");
    }

    @Test
    void shouldRefusePubWithBadTopicBeforeReadingTheBody()
    {
        final V2Connection producer = connect();
        producer.send("PUB bad!topic");

        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"bad!topic\" is not valid");
    }

    @Test
    void shouldRefusePubWithEmptyTopicParam()
    {
        // "PUB " splits into ["PUB", ""]: the param exists but is empty
        final V2Connection producer = connect();
        producer.send("PUB ");

        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"\" is not valid");
    }

    @Test
    void shouldQuoteTopicNameLikeGo()
    {
        final V2Connection producer = connect();
        producer.send("PUB a\"b\\c");

        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"a\\\"b\\\\c\" is not valid");
    }

    @Test
    void shouldQuoteInvalidUtf8InTopicNameLikeGo()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.ascii("PUB a"), Wire.hex("ff"), Wire.ascii("b\n")));

        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"a\\xffb\" is not valid");
    }

    @Test
    void shouldKeepPrintableUnicodeInQuotedTopicName()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.ascii("PUB caf"), Wire.hex("c3 a9"), Wire.ascii("\n")));

        // %q keeps printable runes as UTF-8; the frame carries the two bytes c3 a9
        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"caf" + Wire.latin1(Wire.hex("c3 a9")) + "\" is not valid");
    }

    @Test
    void shouldCheckTopicBeforeBodySize()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("PUB bad!topic"), Wire.int32(0)));

        producer.expectFatalError("E_BAD_TOPIC PUB topic name \"bad!topic\" is not valid");
    }

    @Test
    void shouldRefusePubBodySizeZero()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("PUB " + unique("t")), Wire.int32(0)));

        producer.expectFatalError("E_BAD_MESSAGE PUB invalid message body size 0");
    }

    @Test
    void shouldReadPubBodySizeAsSignedInt32()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("PUB " + unique("t")), Wire.hex("ff ff ff ff")));

        producer.expectFatalError("E_BAD_MESSAGE PUB invalid message body size -1");
    }

    @Test
    void shouldRefusePubSizeAboveMaxWithoutTheBodyBeingSent()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("PUB " + unique("t")), Wire.int32(1_048_577)));

        producer.expectFatalError("E_BAD_MESSAGE PUB message too big 1048577 > 1048576");
    }

    @Test
    void shouldAcceptPubFromSubscribedConnection()
    {
        final String topic = unique("t");
        final V2Connection connection = subscriber(topic, "ch");

        connection.publish(topic, "to myself");
        connection.rdy(1);
        assertEquals("to myself", connection.expectMessage().bodyText());
    }

    @Test
    void shouldAcceptMpubAndDpubFromSubscribedConnection()
    {
        final String topic = unique("t");
        final V2Connection connection = subscriber(topic, "ch");
        connection.write(Wire.concat(Wire.mpub(topic, "m1", "m2"), Wire.dpub(topic, 0, "d")));

        connection.expectOk();
        connection.expectOk();
    }

    // ------------------------------------------------------------------ MPUB

    @Test
    void shouldAnswerOkToMpubAndDeliverEachMessage()
    {
        final String topic = unique("t");
        final V2Connection producer = connect();
        producer.write(Wire.mpub(topic, "m1", "m2", "m3"));
        producer.expectOk();

        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(3);
        final List<Message> messages = consumer.expectMessages(3);
        assertEquals(Set.of("m1", "m2", "m3"), messages.stream().map(Message::bodyText).collect(Collectors.toSet()));
        assertEquals(3, messages.stream().map(Message::id).distinct().count(), "each message of a batch has its own id");
        consumer.expectNothing();
    }

    @Test
    void shouldRefuseMpubWithoutTopic()
    {
        final V2Connection producer = connect();
        producer.send("MPUB");

        producer.expectFatalError("E_INVALID MPUB insufficient number of parameters");
    }

    @Test
    void shouldRefuseMpubBadTopicWithTheCodeTwice()
    {
        final V2Connection producer = connect();
        producer.send("MPUB bad!topic");

        producer.expectFatalError("E_BAD_TOPIC E_BAD_TOPIC MPUB topic name \"bad!topic\" is not valid");
    }

    @Test
    void shouldRefuseMpubBodySizeZero()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(0)));

        producer.expectFatalError("E_BAD_BODY MPUB invalid body size 0");
    }

    @Test
    void shouldRefuseMpubNegativeBodySize()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(-7)));

        producer.expectFatalError("E_BAD_BODY MPUB invalid body size -7");
    }

    @Test
    void shouldRefuseMpubBodyAboveMaxWithoutTheBodyBeingSent()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(5_242_881)));

        producer.expectFatalError("E_BAD_BODY MPUB body too big 5242881 > 5242880");
    }

    @ParameterizedTest(name = "count {0}")
    @ValueSource(ints = {0, -1, 1_048_576})
    void shouldRefuseMpubInvalidMessageCount(final int count)
    {
        // (5242880 - 4) / 5 = 1048575 is the largest count
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(8), Wire.int32(count)));

        producer.expectFatalError("E_BAD_BODY MPUB invalid message count " + count);
    }

    @Test
    void shouldRefuseMpubFirstMessageSizeZero()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(12), Wire.int32(1), Wire.int32(0)));

        producer.expectFatalError("E_BAD_MESSAGE MPUB invalid message(0) body size 0");
    }

    @Test
    void shouldNameTheFailingMessageIndex()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(20),
            Wire.int32(2), Wire.int32(1), Wire.ascii("a"), Wire.int32(-5)));

        producer.expectFatalError("E_BAD_MESSAGE MPUB invalid message(1) body size -5");
    }

    @Test
    void shouldRefuseMpubMessageAboveMaxMsgSize()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + unique("t")), Wire.int32(100), Wire.int32(1), Wire.int32(1_048_577)));

        producer.expectFatalError("E_BAD_MESSAGE MPUB message too big 1048577 > 1048576");
    }

    @Test
    void shouldQueueNothingFromAnMpubWithABadMessage()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + topic), Wire.int32(20),
            Wire.int32(2), Wire.int32(1), Wire.ascii("a"), Wire.int32(0)));
        producer.expectFatalError("E_BAD_MESSAGE MPUB invalid message(1) body size 0");

        // all or nothing: the good first message must not be queued
        consumer.expectNothing();
        publish(topic, "later");
        assertEquals("later", consumer.expectMessage().bodyText());
    }

    @Test
    void shouldReadExactlyCountMessagesWhateverTheDeclaredBodyLength()
    {
        // nsqd does not compare body_len with what it used (spec §1.5 MPUB): declare too little
        final String topic = unique("t");
        final byte[] body = Wire.mpubBody(List.of(Wire.ascii("m1"), Wire.ascii("m2")));
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("MPUB " + topic), Wire.int32(8), body));
        producer.expectOk();
        producer.sync();

        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(2);
        assertEquals(Set.of("m1", "m2"), consumer.expectMessages(2).stream().map(Message::bodyText).collect(Collectors.toSet()));
    }

    // ------------------------------------------------------------------ DPUB

    @Test
    void shouldAnswerOkToDpub()
    {
        final V2Connection producer = connect();
        producer.write(Wire.dpub(unique("t"), 1000, "later"));

        producer.expectOk();
    }

    @Test
    void shouldDeliverDpubWithZeroDeferAtOnce()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final V2Connection producer = connect();
        producer.write(Wire.dpub(topic, 0, "now"));
        producer.expectOk();

        assertEquals("now", consumer.expectMessage().bodyText());
    }

    @Test
    void shouldAcceptDpubAtMaxReqTimeoutInclusive()
    {
        final V2Connection producer = connect();
        producer.write(Wire.dpub(unique("t"), 3_600_000, "in an hour"));

        producer.expectOk();
    }

    @Test
    void shouldRefuseDpubAboveMaxReqTimeout()
    {
        final V2Connection producer = connect();
        producer.send("DPUB " + unique("t") + " 3600001");

        producer.expectFatalError("E_INVALID DPUB timeout 3600001 out of range 0-3600000");
    }

    @Test
    void shouldRefuseDpubWithoutDefer()
    {
        final V2Connection producer = connect();
        producer.send("DPUB " + unique("t"));

        producer.expectFatalError("E_INVALID DPUB insufficient number of parameters");
    }

    @Test
    void shouldRefuseDpubWithoutParams()
    {
        final V2Connection producer = connect();
        producer.send("DPUB");

        producer.expectFatalError("E_INVALID DPUB insufficient number of parameters");
    }

    @Test
    void shouldRefuseDpubWithBadTopic()
    {
        final V2Connection producer = connect();
        producer.send("DPUB bad!topic 10");

        producer.expectFatalError("E_BAD_TOPIC DPUB topic name \"bad!topic\" is not valid");
    }

    @ParameterizedTest(name = "defer {0}")
    @ValueSource(strings = {"abc", "-1", "+1", "1.5", "1e3"})
    void shouldRefuseDpubUnparsableDefer(final String defer)
    {
        final V2Connection producer = connect();
        producer.send("DPUB " + unique("t") + " " + defer);

        producer.expectFatalError("E_INVALID DPUB could not parse timeout " + defer);
    }

    @Test
    void shouldEchoTheRawBytesOfAnUnparsableDefer()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.ascii("DPUB " + unique("t") + " 1"), Wire.hex("ff"), Wire.ascii("\n")));

        producer.expectFatalError("E_INVALID DPUB could not parse timeout 1" + Wire.latin1(Wire.hex("ff")));
    }

    @Test
    void shouldRefuseDpubBodySizeZero()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("DPUB " + unique("t") + " 10"), Wire.int32(0)));

        producer.expectFatalError("E_BAD_MESSAGE DPUB invalid message body size 0");
    }

    @Test
    void shouldRefuseDpubSizeAboveMaxWithoutTheBodyBeingSent()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("DPUB " + unique("t") + " 10"), Wire.int32(1_048_577)));

        producer.expectFatalError("E_BAD_MESSAGE DPUB message too big 1048577 > 1048576");
    }

    @Test
    void shouldCheckDpubRangeBeforeBody()
    {
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.line("DPUB " + unique("t") + " 3600001"), Wire.int32(0)));

        producer.expectFatalError("E_INVALID DPUB timeout 3600001 out of range 0-3600000");
    }
}
