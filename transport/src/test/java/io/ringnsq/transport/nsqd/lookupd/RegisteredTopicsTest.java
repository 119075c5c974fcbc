package io.ringnsq.transport.nsqd.lookupd;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegisteredTopicsTest
{
    private final RegisteredTopics topics = new RegisteredTopics();

    @Test
    void shouldRegisterTopicsWithoutChannelsAloneAndOthersThroughTheirChannels()
    {
        apply(TopologyEvent.TOPIC_CREATED, "lonely", null);
        apply(TopologyEvent.TOPIC_CREATED, "t", null);
        apply(TopologyEvent.CHANNEL_CREATED, "t", "a");
        apply(TopologyEvent.CHANNEL_CREATED, "t", "b#ephemeral");

        assertEquals(List.of("REGISTER lonely", "REGISTER t a", "REGISTER t b#ephemeral"), topics.registerCommands());
    }

    @Test
    void shouldForgetDeletedTopicsAndChannels()
    {
        apply(TopologyEvent.TOPIC_CREATED, "gone", null);
        apply(TopologyEvent.CHANNEL_CREATED, "gone", "c");
        apply(TopologyEvent.TOPIC_CREATED, "t", null);
        apply(TopologyEvent.CHANNEL_CREATED, "t", "c");
        apply(TopologyEvent.TOPIC_DELETED, "gone", null);
        apply(TopologyEvent.CHANNEL_DELETED, "gone", "c");
        apply(TopologyEvent.CHANNEL_DELETED, "t", "c");

        assertEquals(List.of("REGISTER t"), topics.registerCommands());
    }

    @Test
    void shouldNameTheCommandForEachEvent()
    {
        assertEquals("REGISTER t", event(TopologyEvent.TOPIC_CREATED, "t", null).command());
        assertEquals("REGISTER t c", event(TopologyEvent.CHANNEL_CREATED, "t", "c").command());
        assertEquals("UNREGISTER t", event(TopologyEvent.TOPIC_DELETED, "t", null).command());
        assertEquals("UNREGISTER t c", event(TopologyEvent.CHANNEL_DELETED, "t", "c").command());
    }

    private void apply(final int type, final String topic, final String channel)
    {
        topics.apply(event(type, topic, channel));
    }

    private static TopologyEvent event(final int type, final String topic, final String channel)
    {
        return new TopologyEvent(type, topic, channel, false, false);
    }
}
