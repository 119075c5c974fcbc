package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;

/**
 * Spec §3.2 {@code /topic/create|delete|empty|pause|unpause} and their semantics in §2.8: a paused topic
 * holds new messages (its channels keep delivering what they already have), empty drops only the topic's
 * own queue, delete removes the channels and kicks their consumers. Pause state is saved in nsqd.dat at once.
 */
final class TopicAdminConformanceTest extends HttpConformanceTestBase
{
    @Test
    void createAnswersAnEmpty200AndTheTopicStartsWithoutChannels()
    {
        final String topic = unique("t");

        assertOkEmpty(post("/topic/create?topic=" + topic));

        final Map<String, Object> stats = topicStats(topic);
        assertEquals(List.of(), stats.get("channels"), "\"channels\":[] for a topic without channels");
        assertEquals(0, Json.integer(stats, "depth"));
        assertEquals(0, Json.integer(stats, "message_count"));
        assertEquals(Boolean.FALSE, stats.get("paused"));
    }

    @Test
    void createIsIdempotentAndKeepsWhatTheTopicHolds()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        assertOkText(post("/pub?topic=" + topic, "kept"), "OK");

        assertOkEmpty(post("/topic/create?topic=" + topic));

        assertEquals(1, Json.integer(topicStats(topic), "depth"));
    }

    @Test
    void createUsesTheFirstOfRepeatedTopicParameters()
    {
        final String first = unique("first");
        final String second = unique("second");

        assertOkEmpty(post("/topic/create?topic=" + first + "&topic=" + second));

        assertTrue(topicExists(first));
        assertFalse(topicExists(second));
    }

    @Test
    void createAcceptsEphemeralNames()
    {
        final String topic = unique("eph") + "#ephemeral";

        assertOkEmpty(post("/topic/create?topic=" + enc(topic)));

        assertTrue(topicExists(topic));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesTheTopicSoASecondDeleteIsNotFound()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));

        assertOkEmpty(post("/topic/delete?topic=" + topic));

        assertFalse(topicExists(topic), "\"topics\":null for the deleted topic");
        assertError(post("/topic/delete?topic=" + topic), 404, "TOPIC_NOT_FOUND");
        assertError(post("/channel/create?topic=" + topic + "&channel=c"), 404, "TOPIC_NOT_FOUND");
    }

    @Test
    void deleteClosesTheConsumersOfEveryChannel()
    {
        final String topic = unique("t");
        final V2Connection first = subscriber(topic, "c1");
        final V2Connection second = subscriber(topic, "c2");
        final V2Connection producer = connectTcp();
        producer.publish(topic, "m");

        assertOkEmpty(post("/topic/delete?topic=" + topic));

        first.expectClosed();
        second.expectClosed();
        producer.publish(unique("other"), "a producer of the topic is not a consumer: it stays connected");
    }

    @Test
    void deleteDropsTheQueuedMessages()
    {
        final String topic = unique("t");
        assertOkText(post("/pub?topic=" + topic, "gone"), "OK");

        assertOkEmpty(post("/topic/delete?topic=" + topic));
        assertOkEmpty(post("/topic/create?topic=" + topic));

        final Map<String, Object> stats = topicStats(topic);
        assertEquals(0, Json.integer(stats, "depth"));
        assertEquals(0, Json.integer(stats, "message_count"), "a new topic starts counting at 0");
    }

    // ---------------------------------------------------------------- empty

    @Test
    void emptyDropsTheTopicsQueueOfATopicWithoutChannels()
    {
        final String topic = unique("t");
        assertOkText(post("/mpub?topic=" + topic, "a\nb\nc"), "OK");
        assertEquals(3, Json.integer(topicStats(topic), "depth"));

        assertOkEmpty(post("/topic/empty?topic=" + topic));

        assertEquals(0, Json.integer(topicStats(topic), "depth"));
        final V2Connection consumer = subscriber(topic, "late");
        consumer.rdy(10);
        consumer.expectNothing();
    }

    @Test
    void emptyLeavesTheChannelsAlone()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));
        assertOkEmpty(post("/channel/create?topic=" + topic + "&channel=c"));
        assertOkText(post("/pub?topic=" + topic, "in-channel"), "OK");
        awaitChannelCount(topic, "c", "depth", 1);
        assertOkEmpty(post("/topic/pause?topic=" + topic));
        assertOkText(post("/mpub?topic=" + topic, "held1\nheld2"), "OK");
        assertEquals(2, Json.integer(topicStats(topic), "depth"));

        assertOkEmpty(post("/topic/empty?topic=" + topic));

        assertEquals(0, Json.integer(topicStats(topic), "depth"));
        assertEquals(1, Json.integer(channelStats(topic, "c"), "depth"), "the channel's copy is untouched");
        assertOkEmpty(post("/topic/unpause?topic=" + topic));
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(10);
        assertEquals("in-channel", consumer.expectMessage().bodyText());
        consumer.expectNothing();
    }

    // ---------------------------------------------------------------- pause

    @Test
    void pauseHoldsNewMessagesAtTheTopicAndUnpauseReleasesThem()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        consumer.rdy(10);

        assertOkEmpty(post("/topic/pause?topic=" + topic));
        assertOkText(post("/pub?topic=" + topic, "p1"), "OK");
        assertOkText(post("/pub?topic=" + topic, "p2"), "OK");

        consumer.expectNothing();
        final Map<String, Object> paused = topicStats(topic);
        assertEquals(Boolean.TRUE, paused.get("paused"));
        assertEquals(2, Json.integer(paused, "depth"), "messages pile up at the topic");
        assertEquals(0, Json.integer(channelStats(topic, "c"), "depth"), "nothing reaches the channel");

        assertOkEmpty(post("/topic/unpause?topic=" + topic));

        final List<Message> released = consumer.expectMessages(2);
        assertEquals("p1", released.get(0).bodyText());
        assertEquals("p2", released.get(1).bodyText());
        assertEquals(1, released.get(0).attempts());
        assertEquals(Boolean.FALSE, topicStats(topic).get("paused"));
    }

    @Test
    void channelsOfAPausedTopicKeepDeliveringWhatTheyHold()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "c");
        assertOkText(post("/pub?topic=" + topic, "already-in-channel"), "OK");
        awaitChannelCount(topic, "c", "depth", 1);

        assertOkEmpty(post("/topic/pause?topic=" + topic));
        consumer.rdy(1);

        assertEquals("already-in-channel", consumer.expectMessage().bodyText());
    }

    @Test
    void pauseAndUnpauseAreIdempotent()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));

        assertOkEmpty(post("/topic/unpause?topic=" + topic));
        assertOkEmpty(post("/topic/pause?topic=" + topic));
        assertOkEmpty(post("/topic/pause?topic=" + topic));
        assertEquals(Boolean.TRUE, topicStats(topic).get("paused"));
        assertOkEmpty(post("/topic/unpause?topic=" + topic));
        assertEquals(Boolean.FALSE, topicStats(topic).get("paused"));
    }

    @Test
    void pauseIsSavedInTheMetadataFileAtOnce()
    {
        final String topic = unique("t");
        assertOkEmpty(post("/topic/create?topic=" + topic));

        assertOkEmpty(post("/topic/pause?topic=" + topic));

        final Map<String, Object> saved = metadataTopic(topic);
        assertNotNull(saved, "nsqd.dat lists the topic");
        assertEquals(Boolean.TRUE, saved.get("paused"), () -> "nsqd.dat after /topic/pause: " + saved);

        assertOkEmpty(post("/topic/unpause?topic=" + topic));

        assertEquals(Boolean.FALSE, metadataTopic(topic).get("paused"));
    }
}
