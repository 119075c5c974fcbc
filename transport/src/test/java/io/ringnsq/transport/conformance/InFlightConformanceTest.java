package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §2.3–2.4: in-flight deadlines, redelivery after a timeout with attempts + 1, TOUCH and its cap,
 * and a disconnected consumer's messages. msg-timeout 10 s and max-msg-timeout 25 s keep every test
 * below the default 30 s heartbeat, so no heartbeat frame interleaves.
 */
final class InFlightConformanceTest extends ConformanceTestBase
{
    private static final long MSG_TIMEOUT_MS = 10_000;
    private static final long MAX_MSG_TIMEOUT_MS = 25_000;

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.msgTimeout(Duration.ofMillis(MSG_TIMEOUT_MS)).maxMsgTimeout(Duration.ofMillis(MAX_MSG_TIMEOUT_MS));
    }

    /** A consumer with RDY 1 holding the one message published to a fresh topic; the deadline runs from now. */
    private V2Connection consumerHolding(final String topic, final String body)
    {
        publish(topic, body);
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        return consumer;
    }

    @Test
    void shouldRedeliverAfterMsgTimeoutWithAttemptsIncremented()
    {
        final String topic = unique("t");
        final V2Connection consumer = consumerHolding(topic, "slow");
        final Message first = consumer.expectMessage();
        assertEquals(1, first.attempts());

        clock.advanceMillis(MSG_TIMEOUT_MS - 1);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message second = consumer.expectMessage(V2Connection.PROMPT);

        assertEquals(2, second.attempts());
        assertEquals(first.id(), second.id());
        assertEquals(first.timestamp(), second.timestamp(), "the timestamp is set once, when nsqd accepted the message");
        assertArrayEquals(first.body(), second.body());
    }

    @Test
    void shouldIncrementAttemptsOnEveryTimeout()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "again");
        assertEquals(1, consumer.expectMessage().attempts());

        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        assertEquals(2, consumer.expectMessage(V2Connection.PROMPT).attempts());
        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        assertEquals(3, consumer.expectMessage(V2Connection.PROMPT).attempts());
    }

    @Test
    void shouldNotRedeliverAFinishedMessage()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "done");
        consumer.fin(consumer.expectMessage().id());
        consumer.syncInFlight();

        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        consumer.expectNothing();
    }

    @Test
    void shouldUseTheMsgTimeoutFromIdentify()
    {
        final String topic = unique("t");
        publish(topic, "short timeout");
        final V2Connection consumer = connect();
        consumer.identifyOk("{\"msg_timeout\":3000}");
        consumer.subscribe(topic, "ch");
        consumer.rdy(1);
        consumer.expectMessage();

        clock.advanceMillis(2_999);
        consumer.expectNothing();
        clock.advanceMillis(2);
        assertEquals(2, consumer.expectMessage(V2Connection.PROMPT).attempts());
    }

    @Test
    void shouldExtendTheDeadlineWithTouch()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "touched");
        final Message message = consumer.expectMessage();

        clock.advanceMillis(8_000);
        consumer.touch(message.id());
        consumer.syncInFlight();
        // new deadline: touch time + msg_timeout = delivery + 18 s, well past the original 10 s
        clock.advanceMillis(MSG_TIMEOUT_MS - 1);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message again = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals(message.id(), again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void shouldCapTouchAtMaxMsgTimeoutFromDelivery()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "capped");
        final Message message = consumer.expectMessage();

        clock.advanceMillis(8_000);
        consumer.touch(message.id());
        consumer.syncInFlight();
        clock.advanceMillis(8_000);
        // now + 10 s would be delivery + 26 s: capped at delivery + 25 s
        consumer.touch(message.id());
        consumer.syncInFlight();
        clock.advanceMillis(MAX_MSG_TIMEOUT_MS - 16_000 - 1);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message again = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals(message.id(), again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void shouldRefuseFinReqTouchAfterTimeoutWithoutClosing()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "expired");
        final Message message = consumer.expectMessage();
        consumer.rdy(0);
        consumer.syncInFlight();

        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        // with RDY 0 the requeued message stays queued; the old delivery is no longer in flight
        consumer.expectNothing();
        consumer.fin(message.id());
        consumer.expectNonFatalError("E_FIN_FAILED FIN " + message.id() + " failed ID not in flight");
        consumer.touch(message.id());
        consumer.expectNonFatalError("E_TOUCH_FAILED TOUCH " + message.id() + " failed ID not in flight");
        consumer.req(message.id(), 0);
        consumer.expectNonFatalError("E_REQ_FAILED REQ " + message.id() + " failed ID not in flight");

        consumer.rdy(1);
        final Message again = consumer.expectMessage();
        assertEquals(message.id(), again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void shouldRedeliverDisconnectedConsumersMessagesOnlyAfterTheirTimeout()
    {
        final String topic = unique("t");
        final V2Connection leaving = consumerHolding(topic, "orphan");
        final Message message = leaving.expectMessage();
        leaving.disconnectAndAwaitClose();

        final V2Connection staying = subscriber(topic, "ch");
        staying.rdy(1);
        // not requeued on disconnect: still in flight until its deadline
        staying.expectNothing();
        clock.advanceMillis(MSG_TIMEOUT_MS - 1);
        staying.expectNothing();
        clock.advanceMillis(2);
        final Message again = staying.expectMessage(V2Connection.PROMPT);
        assertEquals(message.id(), again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void shouldFreeTheRdySlotWhenAMessageTimesOut()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message first = consumer.expectMessage();
        consumer.expectNothing();

        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        // the window opens again: either the requeued m1 or m2 comes next
        final Message next = consumer.expectMessage(V2Connection.PROMPT);
        if (next.id().equals(first.id()))
        {
            assertEquals(2, next.attempts());
        }
        else
        {
            assertEquals(1, next.attempts());
        }
    }
}
