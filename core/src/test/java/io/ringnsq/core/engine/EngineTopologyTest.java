package io.ringnsq.core.engine;

import java.util.ArrayList;
import java.util.List;

import io.ringnsq.core.link.CommandType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the engine tells its {@link TopologyListener} (lookupd registration), and how it holds a new topic for lookupd. */
class EngineTopologyTest
{
    private static final long PUB = 1;
    private static final long A = 2;
    private static final long B = 3;
    private static final long LOOKUPD = 4;

    private final EngineHarness h = new EngineHarness();
    private final Recorder events = new Recorder();

    /** Records every event; holds new topics while {@code hold} is set. */
    private static final class Recorder implements TopologyListener
    {
        final List<String> seen = new ArrayList<>();
        boolean hold;

        @Override
        public boolean onTopicCreated(final String topic, final boolean restoring)
        {
            seen.add("topic+ " + topic);
            return hold;
        }

        @Override
        public void onChannelCreated(final String topic, final String channel)
        {
            seen.add("channel+ " + topic + " " + channel);
        }

        @Override
        public void onTopicDeleted(final String topic)
        {
            seen.add("topic- " + topic);
        }

        @Override
        public void onChannelDeleted(final String topic, final String channel)
        {
            seen.add("channel- " + topic + " " + channel);
        }
    }

    @Test
    void shouldTellTheListenerOfTopicsAndChannelsCreatedAndDeletedInUpstreamsOrder()
    {
        h.engine.topologyListener(events);
        connectAll();
        h.sub(A, "t", "c");
        h.send(CommandType.CHANNEL_CREATE, PUB, e ->
        {
            e.topic = "t";
            e.channel = "d";
        });
        h.send(CommandType.TOPIC_DELETE, PUB, e -> e.topic = "t");
        h.sub(B, "e#ephemeral", "c#ephemeral");
        h.disconnect(B);

        assertEquals(List.of("topic+ t", "channel+ t c", "channel+ t d", "topic- t", "channel- t c", "channel- t d",
            "topic+ e#ephemeral", "channel+ e#ephemeral c#ephemeral", "channel- e#ephemeral c#ephemeral", "topic- e#ephemeral"),
            events.seen);
    }

    @Test
    void shouldHoldANewTopicUntilLookupdsChannelsArriveThenDeliverToEachOfThem()
    {
        events.hold = true;
        h.engine.topologyListener(events);
        connectAll();
        h.connect(LOOKUPD);
        h.pub(PUB, "t", "first");
        h.sub(A, "t", "c1");
        h.rdy(A, 10);
        assertTrue(h.messages(A).isEmpty(), "held: nothing flows before lookupd's channels exist");

        h.send(CommandType.TOPIC_CHANNELS, LOOKUPD, e ->
        {
            e.topic = "t";
            e.names = new String[]{"c1", "c2", "x#ephemeral"};
        });
        h.sub(B, "t", "c2");
        h.rdy(B, 10);

        assertEquals(List.of("first"), h.messageBodies(A));
        assertEquals(List.of("first"), h.messageBodies(B), "c2 existed before the first message flowed");
        assertNull(h.engine.topic("t").channel("x#ephemeral"), "an ephemeral channel is never made from lookupd's list");
    }

    @Test
    void shouldIgnoreLookupdsChannelsForATopicNotHeld()
    {
        h.engine.topologyListener(events);
        connectAll();
        h.connect(LOOKUPD);
        h.sub(A, "t", "c");

        h.send(CommandType.TOPIC_CHANNELS, LOOKUPD, e ->
        {
            e.topic = "t";
            e.names = new String[]{"late"};
        });
        h.send(CommandType.TOPIC_CHANNELS, LOOKUPD, e ->
        {
            e.topic = "gone";
            e.names = new String[]{"late"};
        });

        assertNull(h.engine.topic("t").channel("late"));
        assertNull(h.engine.topic("gone"));
    }

    private void connectAll()
    {
        for (final long id : new long[]{PUB, A, B})
        {
            h.connect(id);
        }
    }
}
