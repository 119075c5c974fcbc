package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.5 REQ/DPUB and §2.4–2.5: REQ with and without a delay, the max-req-timeout clamp, DPUB deferral
 * per channel. max-req-timeout is 20 s here so the clamp shows below the default 30 s heartbeat.
 */
final class DeferredConformanceTest extends ConformanceTestBase
{
    private static final long MAX_REQ_TIMEOUT_MS = 20_000;

    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.maxReqTimeout(Duration.ofMillis(MAX_REQ_TIMEOUT_MS));
    }

    private V2Connection consumerHolding(final String topic, final String body)
    {
        publish(topic, body);
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        return consumer;
    }

    @Test
    void shouldRequeueAtOnceWithReqZero()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "again");
        final Message first = consumer.expectMessage();
        consumer.req(first.id(), 0);

        final Message second = consumer.expectMessage();
        assertEquals(first.id(), second.id());
        assertEquals(2, second.attempts());
        assertEquals(first.timestamp(), second.timestamp());
    }

    @Test
    void shouldCountAttemptsAcrossRepeatedReq()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "again");
        consumer.req(consumer.expectMessage().id(), 0);
        consumer.req(consumer.expectMessage().id(), 0);

        assertEquals(3, consumer.expectMessage().attempts());
    }

    @Test
    void shouldDeliverReqWithDelayOnlyAfterTheDelay()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "later");
        final Message first = consumer.expectMessage();
        consumer.req(first.id(), 5_000);
        consumer.syncInFlight();

        consumer.expectNothing();
        clock.advanceMillis(4_999);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message second = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals(first.id(), second.id());
        assertEquals(2, second.attempts());
    }

    @Test
    void shouldFreeTheRdySlotAtOnceOnReqWithDelay()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final Message first = consumer.expectMessage();

        consumer.req(first.id(), 5_000);
        final Message second = consumer.expectMessage();
        assertEquals(1, second.attempts());
        assertNotEquals(first.id(), second.id(), "the deferred message must not come back yet");
    }

    @Test
    void shouldClampReqTimeoutAboveMaxReqTimeout()
    {
        final V2Connection consumer = consumerHolding(unique("t"), "clamped");
        final Message first = consumer.expectMessage();
        // above max-req-timeout: accepted (no error) and clamped to 20 s
        consumer.req(first.id(), 99_999_999);
        consumer.syncInFlight();

        clock.advanceMillis(MAX_REQ_TIMEOUT_MS - 1);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message second = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals(first.id(), second.id());
        assertEquals(2, second.attempts());
    }

    @Test
    void shouldDeferDpubUntilItsDelay()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final long acceptedAt = clock.epochNanos();
        final V2Connection producer = connect();
        producer.write(Wire.dpub(topic, 5_000, "deferred"));
        producer.expectOk();

        consumer.expectNothing();
        clock.advanceMillis(4_999);
        consumer.expectNothing();
        clock.advanceMillis(2);
        final Message message = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals("deferred", message.bodyText());
        assertEquals(1, message.attempts());
        assertTrue(Math.abs(message.timestamp() - acceptedAt) < 1_000_000_000L,
            "the timestamp is the publish time, not the release time");
    }

    @Test
    void shouldDeferDpubInEveryChannel()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "ch1");
        final V2Connection second = subscriber(topic, "ch2");
        first.rdy(1);
        second.rdy(1);
        final V2Connection producer = connect();
        producer.write(Wire.dpub(topic, 3_000, "both"));
        producer.expectOk();

        clock.advanceMillis(2_999);
        first.expectNothing();
        second.expectNothing();
        clock.advanceMillis(2);
        final Message a = first.expectMessage(V2Connection.PROMPT);
        final Message b = second.expectMessage(V2Connection.PROMPT);
        assertEquals("both", a.bodyText());
        assertEquals(a.id(), b.id(), "each channel's copy keeps the id");
    }

    @Test
    void shouldReleaseDeferredMessagesInDeadlineOrder()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final V2Connection producer = connect();
        producer.write(Wire.concat(Wire.dpub(topic, 3_000, "late"), Wire.dpub(topic, 1_000, "early")));
        producer.expectOk();
        producer.expectOk();

        clock.advanceMillis(1_001);
        final Message early = consumer.expectMessage(V2Connection.PROMPT);
        assertEquals("early", early.bodyText());
        consumer.fin(early.id());
        consumer.syncInFlight();
        consumer.expectNothing();
        clock.advanceMillis(2_000);
        assertEquals("late", consumer.expectMessage(V2Connection.PROMPT).bodyText());
    }
}
