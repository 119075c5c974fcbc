package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §2.2: every channel gets its own copy of every message; consumers of one channel share its
 * messages; a topic without channels keeps its backlog for the first channel only. RDY equals the
 * number of messages each consumer should hold, so the broker flushes as soon as the window is full.
 */
final class FanOutConformanceTest extends ConformanceTestBase
{
    private static Set<String> bodies(final List<Message> messages)
    {
        return messages.stream().map(Message::bodyText).collect(Collectors.toSet());
    }

    @Test
    void shouldDeliverEveryMessageToEachChannel()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "ch1");
        final V2Connection second = subscriber(topic, "ch2");
        first.rdy(3);
        second.rdy(3);
        publish(topic, "m1", "m2", "m3");

        final List<Message> a = first.expectMessages(3);
        final List<Message> b = second.expectMessages(3);
        assertEquals(Set.of("m1", "m2", "m3"), bodies(a));
        assertEquals(Set.of("m1", "m2", "m3"), bodies(b));
        // each copy keeps the id and the timestamp
        assertEquals(a.stream().map(m -> m.id() + m.timestamp()).collect(Collectors.toSet()),
            b.stream().map(m -> m.id() + m.timestamp()).collect(Collectors.toSet()));
        first.expectNothing();
        second.expectNothing();
    }

    @Test
    void shouldCountAttemptsPerChannel()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "ch1");
        final V2Connection second = subscriber(topic, "ch2");
        first.rdy(1);
        publish(topic, "m");
        final Message message = first.expectMessage();
        first.req(message.id(), 0);
        assertEquals(2, first.expectMessage().attempts());

        second.rdy(1);
        assertEquals(1, second.expectMessage().attempts(), "the other channel's copy was never delivered");
    }

    @Test
    void shouldShareAChannelsMessagesBetweenItsConsumers()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "ch");
        final V2Connection second = subscriber(topic, "ch");
        first.rdy(5);
        second.rdy(5);
        final String[] sent = new String[10];
        for (int i = 0; i < sent.length; i++)
        {
            sent[i] = "m" + i;
        }
        publish(topic, sent);

        // neither can hold more than 5, so each gets exactly 5
        final List<Message> a = first.expectMessages(5);
        final List<Message> b = second.expectMessages(5);
        final List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        assertEquals(Set.of(sent), bodies(all));
        assertEquals(10, all.stream().map(Message::id).distinct().count(), "each message exactly once between them");
        first.expectNothing();
        second.expectNothing();
    }

    @Test
    void shouldSkipAConsumerWithRdyZero()
    {
        final String topic = unique("t");
        final V2Connection idle = subscriber(topic, "ch");
        final V2Connection ready = subscriber(topic, "ch");
        ready.rdy(1);
        publish(topic, "m1");

        assertEquals("m1", ready.expectMessage().bodyText());
        idle.expectNothing();
    }

    @Test
    void shouldDeliverEachMessageOnceAcrossManyConsumers()
    {
        final String topic = unique("t");
        final List<V2Connection> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final V2Connection consumer = subscriber(topic, "ch");
            consumer.rdy(10);
            consumers.add(consumer);
        }
        final String[] sent = new String[40];
        for (int i = 0; i < sent.length; i++)
        {
            sent[i] = "m" + i;
        }
        final V2Connection producer = connect();
        producer.write(Wire.mpub(topic, sent));
        producer.expectOk();

        final Set<String> ids = new HashSet<>();
        final Set<String> received = new HashSet<>();
        for (final V2Connection consumer : consumers)
        {
            for (final Message message : consumer.expectMessages(10))
            {
                ids.add(message.id());
                received.add(message.bodyText());
            }
        }
        assertEquals(40, ids.size());
        assertEquals(Set.of(sent), received);
    }

    @Test
    void shouldGiveTheBacklogToTheFirstChannelOnly()
    {
        final String topic = unique("t");
        publish(topic, "early1", "early2");
        final V2Connection first = subscriber(topic, "ch1");
        first.rdy(2);
        final List<Message> backlog = first.expectMessages(2);
        assertEquals(Set.of("early1", "early2"), bodies(backlog));

        final V2Connection late = subscriber(topic, "ch2");
        late.rdy(1);
        // the second channel did not exist when they were published
        late.expectNothing();

        backlog.forEach(m -> first.fin(m.id()));
        first.rdy(1);
        publish(topic, "after");
        assertEquals("after", first.expectMessage().bodyText());
        assertEquals("after", late.expectMessage().bodyText());
    }

    @Test
    void shouldKeepMessagesOfAChannelWithoutConsumers()
    {
        final String topic = unique("t");
        subscriber(topic, "ch1").close();
        final V2Connection other = subscriber(topic, "ch2");
        other.rdy(1);
        publish(topic, "kept");
        assertEquals("kept", other.expectMessage().bodyText());

        // ch1 lost its consumer but still exists and got its copy
        final V2Connection back = subscriber(topic, "ch1");
        back.rdy(1);
        assertEquals("kept", back.expectMessage().bodyText());
    }
}
