package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §3.2 {@code /channel/create|delete|empty|pause|unpause} with the semantics of §2.2 and §2.8:
 * the first channel gets the topic's backlog; a paused channel delivers nothing (its clients count as not
 * ready) while messages pile up in its depth and in-flight ones can still be FINed; empty drops the
 * queue and resets the in-flight and deferred tables (a later FIN of an emptied message fails); delete
 * closes the channel's consumer connections.
 */
final class ChannelAdminConformanceTest extends HttpConformanceTestBase
{
    private String topicWithChannels(final String... channels)
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        for (final String channel : channels)
        {
            assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=" + channel));
        }
        return topic;
    }

    // ---------------------------------------------------------------- create

    @Test
    void createAnswersAnEmpty200AndChannelsAreListedByName()
    {
        final String topic = topicWithChannels("b", "a", "c#ephemeral");

        assertEquals(List.of("a", "b", "c#ephemeral"), channelNames(topic));
        final Map<String, Object> channel = channelStats(topic, "a");
        assertEquals(0, Json.integer(channel, "depth"));
        assertEquals(0, Json.integer(channel, "client_count"));
        assertEquals(List.of(), channel.get("clients"), "\"clients\":[] for a channel without clients");
        assertEquals(Boolean.FALSE, channel.get("paused"));
    }

    @Test
    void createIsIdempotent()
    {
        final String topic = topicWithChannels("c");
        assertOkText(post("/pub?topic=" + topic, "kept"), "OK");
        awaitChannelCount(topic, "c", "depth", 1);

        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));

        assertEquals(1, Json.integer(channelStats(topic, "c"), "depth"));
    }

    @Test
    void theFirstChannelGetsTheTopicsBacklogAndLaterChannelsDoNot()
    {
        final String topic = topicWithChannels();
        assertOkText(post("/mpub?topic=" + topic, "b1\nb2"), "OK");

        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=first"));
        awaitChannelCount(topic, "first", "depth", 2);
        awaitTopicCount(topic, "depth", 0);
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=second"));
        assertOkText(post("/pub?topic=" + topic, "n1"), "OK");

        awaitChannelCount(topic, "first", "depth", 3);
        awaitChannelCount(topic, "second", "depth", 1);
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteClosesOnlyThatChannelsConsumers()
    {
        final String topic = unique("t");
        final V2Connection doomed = subscriber(topic, "doomed");
        final V2Connection survivor = subscriber(topic, "survivor");
        survivor.rdy(1);

        assertOkEmpty(post("/channel/delete?topic=" + topic + "&channel=doomed"));

        doomed.expectClosed();
        assertOkText(post("/pub?topic=" + topic, "still flowing"), "OK");
        assertEquals("still flowing", survivor.expectMessage().bodyText());
    }

    @Test
    void deleteRemovesTheChannelAndItsMessages()
    {
        final String topic = topicWithChannels("c", "other");
        assertOkText(post("/mpub?topic=" + topic, "m1\nm2"), "OK");
        awaitChannelCount(topic, "c", "depth", 2);

        assertOkEmpty(post("/channel/delete?topic=" + topic + "&channel=c"));

        assertEquals(List.of("other"), channelNames(topic));
        assertError(post("/channel/delete?topic=" + topic + "&channel=c"), 404, "CHANNEL_NOT_FOUND");
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));
        assertEquals(0, Json.integer(channelStats(topic, "c"), "depth"), "a recreated channel starts empty");
    }

    // ---------------------------------------------------------------- pause

    @Test
    void pauseStopsDeliveryWhileMessagesPileUpAndUnpauseResumesIt()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(10);

        assertOkEmpty(post("/channel/pause?topic=" + topic + "&channel=c"));
        assertOkText(post("/mpub?topic=" + topic, "p1\np2\np3"), "OK");

        consumer.expectNothing();
        awaitChannelCount(topic, "c", "depth", 3);
        final Map<String, Object> paused = channelStats(topic, "c");
        assertEquals(Boolean.TRUE, paused.get("paused"));
        assertEquals(0, Json.integer(paused, "in_flight_count"));

        assertOkEmpty(post("/channel/unpause?topic=" + topic + "&channel=c"));

        final List<Message> released = consumer.expectMessages(3);
        assertEquals(List.of("p1", "p2", "p3"), released.stream().map(Message::bodyText).toList());
        assertEquals(Boolean.FALSE, channelStats(topic, "c").get("paused"));
    }

    @Test
    void aPausedChannelStillAcceptsFinForMessagesInFlight()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic, "in flight"), "OK");
        final Message message = consumer.expectMessage();

        assertOkEmpty(post("/channel/pause?topic=" + topic + "&channel=c"));
        consumer.fin(message.id());
        consumer.syncInFlight();

        final Map<String, Object> channel = channelStats(topic, "c");
        assertEquals(0, Json.integer(channel, "in_flight_count"));
        assertEquals(1, Json.integer(Json.objects(channel.get("clients")).get(0), "finish_count"));
    }

    @Test
    void pauseAffectsOnlyThatChannel()
    {
        final String topic = unique("t");
        final V2Connection paused = subscriber(topic, "paused");
        final V2Connection running = subscriber(topic, "running");
        paused.rdy(1);
        running.rdy(1);

        assertOkEmpty(post("/channel/pause?topic=" + topic + "&channel=paused"));
        assertOkText(post("/pub?topic=" + topic, "m"), "OK");

        assertEquals("m", running.expectMessage().bodyText());
        paused.expectNothing();
    }

    @Test
    void pauseIsSavedInTheMetadataFileAtOnce()
    {
        final String topic = topicWithChannels("c");

        assertOkEmpty(post("/channel/pause?topic=" + topic + "&channel=c"));

        final Map<String, Object> saved = metadataTopic(topic);
        assertNotNull(saved, "nsqd.dat lists the topic");
        final Map<String, Object> channel = Json.objects(saved.get("channels")).get(0);
        assertEquals("c", channel.get("name"));
        assertEquals(Boolean.TRUE, channel.get("paused"), () -> "nsqd.dat after /channel/pause: " + saved);
    }

    // ---------------------------------------------------------------- empty

    @Test
    void emptyClearsDepthAndInFlightSoALaterFinFails()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(2);
        assertOkText(post("/mpub?topic=" + topic, "m1\nm2\nm3"), "OK");
        final List<Message> inFlight = consumer.expectMessages(2);
        awaitChannelCount(topic, "c", "depth", 1);

        assertOkEmpty(post("/channel/empty?topic=" + topic + "&channel=c"));

        final Map<String, Object> channel = channelStats(topic, "c");
        assertEquals(0, Json.integer(channel, "depth"));
        assertEquals(0, Json.integer(channel, "in_flight_count"));
        assertEquals(0, Json.integer(Json.objects(channel.get("clients")).get(0), "in_flight_count"),
            "every client's in_flight count is reset");
        final String id = inFlight.get(0).id();
        consumer.fin(id);
        consumer.expectNonFatalError("E_FIN_FAILED FIN " + id + " failed ID not in flight");
    }

    @Test
    void emptyFreesTheConsumersRdyWindow()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic, "held"), "OK");
        final Message held = consumer.expectMessage();

        assertOkEmpty(post("/channel/empty?topic=" + topic + "&channel=c"));
        assertOkText(post("/pub?topic=" + topic, "next"), "OK");

        final Message next = consumer.expectMessage();
        assertEquals("next", next.bodyText(), "with in_flight reset to 0, RDY 1 has room again");
        assertNotEquals(held.id(), next.id());
    }

    @Test
    void emptyClearsDeferredMessages()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(1);
        assertOkText(post("/pub?topic=" + topic + "&defer=5000", "deferred"), "OK");
        assertEquals(1, Json.integer(channelStats(topic, "c"), "deferred_count"));

        assertOkEmpty(post("/channel/empty?topic=" + topic + "&channel=c"));

        assertEquals(0, Json.integer(channelStats(topic, "c"), "deferred_count"));
        clock.advanceMillis(5_001);
        consumer.expectNothing();
    }

    @Test
    void emptyKeepsTheChannelAndItsConsumers()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");

        assertOkEmpty(post("/channel/empty?topic=" + topic + "&channel=c"));

        assertEquals(1, Json.integer(channelStats(topic, "c"), "client_count"));
        consumer.nop();
        consumer.syncInFlight();
        assertFalse(channelNames(topic).isEmpty());
    }
}
