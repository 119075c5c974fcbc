package io.ringnsq.core.engine;

import java.util.List;

import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.stats.ChannelStats;
import io.ringnsq.core.stats.NsqdStats;
import io.ringnsq.core.stats.TopicStats;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineAdminTest
{
    private static final long HTTP = 9;
    private static final long PUB = 1;
    private static final long SUB = 2;

    private final EngineHarness h = new EngineHarness(new EngineConfig().memQueueSize(100).e2ePercentiles(new double[]{0.99, 0.5}));

    EngineAdminTest()
    {
        h.connect(HTTP);
        h.connect(PUB);
        h.connect(SUB);
    }

    @Test
    void shouldCreateChannelOnlyOnAnExistingTopic()
    {
        assertEquals(EngineResult.TOPIC_NOT_FOUND, h.admin(HTTP, CommandType.CHANNEL_CREATE, "t", "c").result());
        assertEquals(EngineResult.OK, h.admin(HTTP, CommandType.TOPIC_CREATE, "t", "").result());
        assertEquals(EngineResult.OK, h.admin(HTTP, CommandType.CHANNEL_CREATE, "t", "c").result());
        assertEquals(EngineResult.CHANNEL_NOT_FOUND, h.admin(HTTP, CommandType.CHANNEL_EMPTY, "t", "x").result());
    }

    @Test
    void shouldDeliverNothingFromAPausedChannelAndResumeOnUnpause()
    {
        h.sub(SUB, "t", "c");
        h.rdy(SUB, 10);
        h.take(SUB);
        h.admin(HTTP, CommandType.CHANNEL_PAUSE, "t", "c");
        h.pub(PUB, "t", "m");
        assertTrue(h.messages(SUB).isEmpty());
        assertEquals(1, h.engine.topic("t").channel("c").depth());
        h.admin(HTTP, CommandType.CHANNEL_UNPAUSE, "t", "c");
        assertEquals("m", h.messages(SUB).get(0).body());
    }

    @Test
    void shouldHoldMessagesAtAPausedTopic()
    {
        h.sub(SUB, "t", "c");
        h.rdy(SUB, 10);
        h.take(SUB);
        h.admin(HTTP, CommandType.TOPIC_PAUSE, "t", "");
        h.pub(PUB, "t", "m");
        assertEquals(1, h.engine.topic("t").depth());
        assertEquals(0, h.engine.topic("t").channel("c").depth());
        h.admin(HTTP, CommandType.TOPIC_UNPAUSE, "t", "");
        assertEquals("m", h.messages(SUB).get(0).body());
    }

    @Test
    void shouldCloseConsumersOfADeletedChannel()
    {
        h.sub(SUB, "t", "c");
        h.take(SUB);
        assertEquals(EngineResult.OK, h.admin(HTTP, CommandType.CHANNEL_DELETE, "t", "c").result());
        final List<EngineHarness.Frame> frames = h.take(SUB);
        assertEquals(OutboundType.CLOSE, frames.get(0).type());
        assertNull(h.engine.topic("t").channel("c"));
        h.disconnect(SUB); // the agent's disconnect after the close is harmless
        assertEquals(0, h.engine.topic("t").channels().length);
    }

    @Test
    void shouldEmptyChannelAndForgetItsInFlightMessages()
    {
        h.sub(SUB, "t", "c");
        h.rdy(SUB, 1);
        h.mpub(PUB, "t", "a", "b");
        final long id = h.messages(SUB).get(0).messageId();
        h.admin(HTTP, CommandType.CHANNEL_EMPTY, "t", "c");
        assertEquals(0, h.engine.topic("t").channel("c").depth());
        h.fin(SUB, id);
        assertTrue(h.take(SUB).get(0).text().startsWith("E_FIN_FAILED"));
    }

    @Test
    void shouldSnapshotStatsWithProducersAndFilters()
    {
        h.sub(SUB, "t", "c");
        h.rdy(SUB, 5);
        h.pub(PUB, "t", "m1");
        h.pub(PUB, "u", "m2");
        final long id = h.messages(SUB).get(0).messageId();
        h.advanceMillis(3);
        h.fin(SUB, id);

        final NsqdStats all = (NsqdStats)h.admin(HTTP, CommandType.STATS, "", "").payload();
        assertEquals(List.of("t", "u"), all.topics().stream().map(TopicStats::topicName).toList());
        final ChannelStats c = all.topics().get(0).channels().get(0);
        assertEquals(1, c.messageCount());
        assertEquals(1, c.clientCount());
        assertEquals(1, c.clients().get(0).finishCount());
        assertEquals(1, c.e2eProcessingLatency().count());
        assertEquals(0.99, c.e2eProcessingLatency().percentiles().get(0).quantile());
        assertTrue(c.e2eProcessingLatency().percentiles().get(0).value() >= 3_000_000);
        assertEquals(1, all.producers().size());
        assertEquals(2, all.producers().get(0).pubCounts().size());

        final NsqdStats unknown = (NsqdStats)h.admin(HTTP, CommandType.STATS, "nope", "").payload();
        assertNull(unknown.topics());

        final NsqdStats filtered = (NsqdStats)h.admin(HTTP, CommandType.STATS, "", "c").payload();
        assertEquals(List.of("t"), filtered.topics().stream().map(TopicStats::topicName).toList());
        assertEquals(2, filtered.producers().get(0).pubCounts().size(), "no topic filter: every topic a producer published to");
    }

    @Test
    void shouldRefuseSubscribersBeyondMaxChannelConsumers()
    {
        final EngineHarness limited = new EngineHarness(new EngineConfig().maxChannelConsumers(1));
        limited.connect(1);
        limited.connect(2);
        limited.sub(1, "t", "c");
        limited.sub(2, "t", "c");
        final EngineHarness.Frame error = limited.take(2).get(0);
        assertEquals("E_SUB_FAILED SUB failed consumers for t:c exceeds limit of 1", error.text());
        assertTrue(error.close());
    }
}
