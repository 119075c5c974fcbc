package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.4–1.5 for consumers: SUB and names, the state errors of RDY/FIN/REQ/TOUCH/CLS, the RDY window,
 * CLS, and the message frame fields (§1.3, §2.1).
 */
final class SubscribeConformanceTest extends ConformanceTestBase
{
    private static final String SIXTY_FOUR = "x".repeat(64);

    // ------------------------------------------------------------------ SUB

    @Test
    void shouldAnswerOkToSubAndDeliverNothingBeforeRdy()
    {
        final String topic = unique("t");
        publish(topic, "waiting");
        final V2Connection consumer = connect();
        consumer.send("SUB " + topic + " ch");

        consumer.expectOk();
        consumer.expectNothing();
    }

    @Test
    void shouldRefuseSecondSub()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send("SUB " + unique("t") + " ch");

        consumer.expectFatalError("E_INVALID cannot SUB in current state");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"SUB", "SUB onlytopic"})
    void shouldRefuseSubWithTooFewParams(final String line)
    {
        final V2Connection consumer = connect();
        consumer.send(line);

        consumer.expectFatalError("E_INVALID SUB insufficient number of parameters");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"a", ".", "-", "_", "A.b-C_9", "x#ephemeral"})
    void shouldAcceptValidTopicAndChannelNames(final String name)
    {
        // no other test uses names without a "-<n>" suffix, so these bare names are this test's own
        connect().subscribe(name, name);
    }

    @Test
    void shouldAcceptSixtyFourByteNames()
    {
        connect().subscribe(SIXTY_FOUR, SIXTY_FOUR);
    }

    @Test
    void shouldAcceptSixtyFourByteNameWithEphemeralSuffix()
    {
        connect().subscribe("e".repeat(54) + "#ephemeral", "c".repeat(54) + "#ephemeral");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"bad!topic", "a#b", "#ephemeral", "a#ephemeralx", "a#EPHEMERAL", "a/b", "a:b"})
    void shouldRefuseInvalidTopicNames(final String topic)
    {
        final V2Connection consumer = connect();
        consumer.send("SUB " + topic + " ch");

        consumer.expectFatalError("E_BAD_TOPIC SUB topic name \"" + topic + "\" is not valid");
    }

    @Test
    void shouldRefuseTopicNameOf65Bytes()
    {
        final String topic = "x".repeat(65);
        final V2Connection consumer = connect();
        consumer.send("SUB " + topic + " ch");

        consumer.expectFatalError("E_BAD_TOPIC SUB topic name \"" + topic + "\" is not valid");
    }

    @Test
    void shouldCountEphemeralSuffixInTheSixtyFourBytes()
    {
        final String topic = "x".repeat(55) + "#ephemeral";
        final V2Connection consumer = connect();
        consumer.send("SUB " + topic + " ch");

        consumer.expectFatalError("E_BAD_TOPIC SUB topic name \"" + topic + "\" is not valid");
    }

    @Test
    void shouldQuoteControlCharactersInNamesLikeGo()
    {
        final V2Connection consumer = connect();
        consumer.send("SUB a\tb ch");

        consumer.expectFatalError("E_BAD_TOPIC SUB topic name \"a\\tb\" is not valid");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"bad!ch", "#ephemeral", "c#ephemeral#ephemeral",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void shouldRefuseInvalidChannelNames(final String channel)
    {
        final V2Connection consumer = connect();
        consumer.send("SUB " + unique("t") + " " + channel);

        consumer.expectFatalError("E_BAD_CHANNEL SUB channel name \"" + channel + "\" is not valid");
    }

    @Test
    void shouldCheckTopicBeforeChannel()
    {
        final V2Connection consumer = connect();
        consumer.send("SUB bad!topic bad!ch");

        consumer.expectFatalError("E_BAD_TOPIC SUB topic name \"bad!topic\" is not valid");
    }

    @Test
    void shouldRefuseEmptyChannelParam()
    {
        // "SUB t " has two params, the channel being empty
        final V2Connection consumer = connect();
        consumer.send("SUB " + unique("t") + " ");

        consumer.expectFatalError("E_BAD_CHANNEL SUB channel name \"\" is not valid");
    }

    // ------------------------------------------------------------------ state errors before SUB

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RDY 1                       | E_INVALID cannot RDY in current state",
        "RDY                         | E_INVALID cannot RDY in current state",
        "FIN 0123456789abcdef        | E_INVALID cannot FIN in current state",
        "FIN                         | E_INVALID cannot FIN in current state",
        "REQ 0123456789abcdef 0      | E_INVALID cannot REQ in current state",
        "TOUCH 0123456789abcdef      | E_INVALID cannot TOUCH in current state",
        "CLS                         | E_INVALID cannot CLS in current state"
    })
    void shouldRefuseConsumerCommandsBeforeSub(final String line, final String error)
    {
        final V2Connection connection = connect();
        connection.send(line);

        connection.expectFatalError(error);
    }

    // ------------------------------------------------------------------ parameter errors after SUB

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RDY -1                          | E_INVALID RDY could not parse count -1",
        "RDY +1                          | E_INVALID RDY could not parse count +1",
        "RDY abc                         | E_INVALID RDY could not parse count abc",
        "RDY 1.5                         | E_INVALID RDY could not parse count 1.5",
        "RDY 2501                        | E_INVALID RDY count 2501 out of range 0-2500",
        "FIN                             | E_INVALID FIN insufficient number of params",
        "FIN 0123456789abcde             | E_INVALID invalid message ID",
        "FIN 0123456789abcdef0           | E_INVALID invalid message ID",
        "REQ                             | E_INVALID REQ insufficient number of params",
        "REQ 0123456789abcdef            | E_INVALID REQ insufficient number of params",
        "REQ 0123456789abcde 0           | E_INVALID invalid message ID",
        "REQ 0123456789abcdef x          | E_INVALID REQ could not parse timeout x",
        "REQ 0123456789abcdef -1         | E_INVALID REQ could not parse timeout -1",
        "REQ short x                     | E_INVALID invalid message ID",
        "TOUCH                           | E_INVALID TOUCH insufficient number of params",
        "TOUCH 0123456789abcdef0         | E_INVALID invalid message ID"
    })
    void shouldCloseOnBadConsumerCommandParams(final String line, final String error)
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send(line);

        consumer.expectFatalError(error);
    }

    @Test
    void shouldNotCheckMessageIdForHex()
    {
        // any 16 bytes are an id; these are just not in flight (non-fatal)
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.fin("zzzzzzzzzzzzzzzz");

        consumer.expectNonFatalError("E_FIN_FAILED FIN zzzzzzzzzzzzzzzz failed ID not in flight");
    }

    // ------------------------------------------------------------------ RDY semantics

    @Test
    void shouldTreatRdyWithoutCountAsOne()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.send("RDY");

        consumer.expectMessage();
        consumer.expectNothing();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"RDY ", "RDY  5"})
    void shouldTreatEmptyCountParamAsZero(final String line)
    {
        final String topic = unique("t");
        publish(topic, "m1");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.send(line);

        consumer.expectNothing();
        consumer.rdy(1);
        assertEquals("m1", consumer.expectMessage().bodyText());
    }

    @Test
    void shouldKeepRdyAsAWindowNotACountdown()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2", "m3");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(2);

        final List<Message> first = consumer.expectMessages(2);
        // two unacked with RDY 2: the window is full
        consumer.expectNothing();
        consumer.fin(first.get(0).id());
        final Message third = consumer.expectMessage();
        assertEquals(Set.of("m1", "m2", "m3"),
            Set.of(first.get(0).bodyText(), first.get(1).bodyText(), third.bodyText()));
        // FIN frees a slot, but the window refills without another RDY
        consumer.fin(first.get(1).id());
        consumer.fin(third.id());
        publish(topic, "m4", "m5");
        assertEquals(Set.of("m4", "m5"), consumer.expectMessages(2).stream().map(Message::bodyText).collect(Collectors.toSet()));
    }

    @Test
    void shouldStopDeliveryOnRdyZeroAndKeepInFlight()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message first = consumer.expectMessage();
        consumer.rdy(0);
        // still in flight: FIN succeeds (no error), and nothing new comes
        consumer.fin(first.id());
        consumer.syncInFlight();
        consumer.expectNothing();

        consumer.rdy(1);
        final Message second = consumer.expectMessage();
        assertEquals(Set.of("m1", "m2"), Set.of(first.bodyText(), second.bodyText()));
    }

    @Test
    void shouldOpenTheWindowWhenRdyGrows()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        consumer.expectMessage();
        consumer.expectNothing();

        consumer.rdy(2);
        consumer.expectMessage();
    }

    @Test
    void shouldAnswerNothingToValidRdy()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.rdy(2500);

        consumer.expectNothing();
    }

    // ------------------------------------------------------------------ message fields

    @Test
    void shouldDeliverFirstAttemptWithNanosecondTimestampAndHexId()
    {
        final String topic = unique("t");
        final long acceptedAt = clock.epochNanos();
        publish(topic, "hello");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        final Message message = consumer.expectMessage();
        assertEquals(1, message.attempts(), "the first delivery counts as attempt 1");
        assertTrue(message.id().matches("[0-9a-f]{16}"), () -> "16 lowercase hex characters: '" + message.id() + "'");
        assertTrue(Math.abs(message.timestamp() - acceptedAt) < 1_000_000_000L,
            () -> "timestamp " + message.timestamp() + " ns should be the (manual) wall clock " + acceptedAt + " ns");
        assertEquals("hello", message.bodyText());
    }

    @Test
    void shouldGiveEachMessageOfATopicADistinctId()
    {
        final String topic = unique("t");
        final String[] bodies = new String[50];
        for (int i = 0; i < bodies.length; i++)
        {
            bodies[i] = "m" + i;
        }
        final V2Connection producer = connect();
        producer.write(Wire.mpub(topic, bodies));
        producer.expectOk();
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(50);

        final List<Message> messages = consumer.expectMessages(50);
        assertEquals(50, messages.stream().map(Message::id).distinct().count());
        messages.forEach(m -> assertTrue(m.id().matches("[0-9a-f]{16}"), m::toString));
    }

    @Test
    void shouldEncodeTimeAndNodeIdInMessageIdLikeUpstreamGuid()
    {
        // fidelity (spec §2.1): ((ts_ms_ish - 1288834974288) << 22) | (node_id << 12) | seq, ts = UnixNano >> 20
        final String topic = unique("t");
        final long expectedTime = (clock.epochNanos() >> 20) - 1_288_834_974_288L;
        publish(topic, "guid");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        final long id = Long.parseUnsignedLong(consumer.expectMessage().id(), 16);
        assertEquals(NODE_ID, (id >>> 12) & 0x3FF, "node id field");
        assertTrue(Math.abs((id >>> 22) - expectedTime) <= 2, () -> "time field " + (id >>> 22) + " vs " + expectedTime);
    }

    // ------------------------------------------------------------------ CLS

    @Test
    void shouldAnswerCloseWaitAndKeepTheSocketOpen()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send("CLS");

        final Frame frame = consumer.readFrame();
        assertTrue(frame.isResponse("CLOSE_WAIT"), frame::toString);
        assertEquals(14, frame.size());
        consumer.expectNothing();
        consumer.publish(unique("t"), "still open");
    }

    @Test
    void shouldIgnoreRdySilentlyAfterCls()
    {
        final String topic = unique("t");
        publish(topic, "m1");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");

        consumer.rdy(5);
        // in the closing state RDY is ignored before its count is parsed
        consumer.send("RDY -1");
        consumer.send("RDY 999999");
        consumer.syncInFlight();
        consumer.expectNothing();
    }

    @Test
    void shouldAllowFinAfterCls()
    {
        final String topic = unique("t");
        publish(topic, "m1");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message message = consumer.expectMessage();
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");

        consumer.touch(message.id());
        consumer.fin(message.id());
        consumer.syncInFlight();
        // the FIN took effect: a second one finds nothing in flight
        consumer.fin(message.id());
        consumer.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed ID not in flight");
    }

    @Test
    void shouldAllowReqAfterClsWithoutRedeliveringToTheClosingClient()
    {
        final String topic = unique("t");
        publish(topic, "m1");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message message = consumer.expectMessage();
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");

        consumer.req(message.id(), 0);
        consumer.syncInFlight();
        // CLS set RDY 0, so the requeued message waits for another consumer
        consumer.expectNothing();
        final V2Connection other = subscriber(topic, "ch");
        other.rdy(1);
        final Message again = other.expectMessage();
        assertEquals(message.id(), again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void shouldRefuseSecondCls()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");
        consumer.send("CLS");

        consumer.expectFatalError("E_INVALID cannot CLS in current state");
    }

    @Test
    void shouldRefuseSubAfterCls()
    {
        final V2Connection consumer = subscriber(unique("t"), "ch");
        consumer.send("CLS");
        consumer.expectResponse("CLOSE_WAIT");
        consumer.send("SUB " + unique("t") + " ch");

        consumer.expectFatalError("E_INVALID cannot SUB in current state");
    }
}
