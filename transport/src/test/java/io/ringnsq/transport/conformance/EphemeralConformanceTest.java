package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.nsqd.NsqdContext;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §2.7: an {@code #ephemeral} channel goes (with its messages) when its last client leaves; an
 * ephemeral topic goes with its last channel, but lives on while it has a durable channel. Deletion is
 * observed the only way a TCP client can: queued messages vanish. Leaving clients half-close and wait
 * for the broker's close, so the broker has processed the disconnect before the test goes on.
 */
final class EphemeralConformanceTest extends ConformanceTestBase
{
    private static final long MSG_TIMEOUT_MS = 10_000;

    /** A short msg-timeout, so waiting out a deadline stays below the 30 s heartbeat. */
    @Override
    protected NsqdContext configure(final NsqdContext context)
    {
        return context.msgTimeout(Duration.ofMillis(MSG_TIMEOUT_MS));
    }

    @Test
    void shouldDeleteEphemeralChannelWithItsMessagesWhenTheLastClientLeaves()
    {
        final String topic = unique("t");
        final V2Connection leaving = subscriber(topic, "ch#ephemeral");
        publish(topic, "old1", "old2");
        leaving.disconnectAndAwaitClose();

        final V2Connection next = subscriber(topic, "ch#ephemeral");
        next.rdy(1);
        // a new channel of the same name: the old messages went with the old one
        next.expectNothing();
        publish(topic, "new");
        assertEquals("new", next.expectMessage().bodyText());
    }

    @Test
    void shouldKeepEphemeralChannelWhileAClientRemains()
    {
        final String topic = unique("t");
        final V2Connection leaving = subscriber(topic, "ch#ephemeral");
        final V2Connection staying = subscriber(topic, "ch#ephemeral");
        publish(topic, "kept");
        leaving.disconnectAndAwaitClose();

        staying.rdy(1);
        assertEquals("kept", staying.expectMessage().bodyText());
    }

    @Test
    void shouldDropInFlightMessagesWithTheEphemeralChannel()
    {
        final String topic = unique("t");
        final V2Connection leaving = subscriber(topic, "ch#ephemeral");
        leaving.rdy(1);
        publish(topic, "in flight");
        leaving.expectMessage();
        leaving.disconnectAndAwaitClose();

        final V2Connection next = subscriber(topic, "ch#ephemeral");
        next.rdy(1);
        // even after the old deadline, nothing comes back: the channel was emptied on deletion
        clock.advanceMillis(MSG_TIMEOUT_MS + 1);
        next.expectNothing();
        publish(topic, "fresh");
        final Message fresh = next.expectMessage();
        assertEquals("fresh", fresh.bodyText());
        assertEquals(1, fresh.attempts());
    }

    @Test
    void shouldKeepDurableChannelOfEphemeralTopicAfterClientsLeave()
    {
        final String topic = unique("t") + "#ephemeral";
        final V2Connection leaving = subscriber(topic, "durable");
        publish(topic, "kept");
        leaving.disconnectAndAwaitClose();

        final V2Connection next = subscriber(topic, "durable");
        next.rdy(1);
        assertEquals("kept", next.expectMessage().bodyText());
    }

    @Test
    void shouldRecreateEphemeralTopicCleanlyAfterItsLastChannelIsDeleted()
    {
        final String topic = unique("t") + "#ephemeral";
        final V2Connection leaving = subscriber(topic, "ch#ephemeral");
        publish(topic, "old");
        leaving.disconnectAndAwaitClose();

        // topic and channel are gone; SUB recreates both, and only new messages flow
        final V2Connection next = subscriber(topic, "ch#ephemeral");
        next.rdy(1);
        next.expectNothing();
        publish(topic, "new");
        assertEquals("new", next.expectMessage().bodyText());
    }

    @Test
    void shouldKeepEphemeralTopicBacklogForItsFirstChannel()
    {
        final String topic = unique("t") + "#ephemeral";
        publish(topic, "waiting");

        final V2Connection consumer = subscriber(topic, "ch#ephemeral");
        consumer.rdy(1);
        assertEquals("waiting", consumer.expectMessage().bodyText());
    }
}
