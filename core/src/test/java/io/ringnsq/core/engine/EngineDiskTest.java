package io.ringnsq.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.ringnsq.core.link.CommandType;
import io.ringnsq.core.link.EngineResult;
import io.ringnsq.core.link.OutboundType;
import io.ringnsq.core.meta.ChannelMetadata;
import io.ringnsq.core.meta.TopicMetadata;
import io.ringnsq.core.store.MemoryStore;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoredMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine with a disk (over in-memory stores): overflow, durable mode, restarts, failing writes. */
class EngineDiskTest
{
    private static final long PUBLISHER = 1;
    private static final long CONSUMER = 2;

    private static EngineConfig config(final long memQueueSize, final long syncEvery)
    {
        return new EngineConfig().memQueueSize(memQueueSize).syncEvery(syncEvery).nodeId(1);
    }

    private static List<String> bodies(final int count)
    {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toList();
    }

    private static void publishAll(final EngineHarness h, final List<String> bodies)
    {
        for (final String body : bodies)
        {
            h.pub(PUBLISHER, "t", body);
        }
    }

    /** Durable mode: {@code bodies} published and acknowledged, CONSUMER subscribed to channel c with RDY 0. */
    private static EngineHarness durablyPublishedToASubscribedChannel(final EngineConfig durable, final List<String> bodies)
    {
        final EngineHarness h = EngineHarness.withDisk(durable);
        h.connect(PUBLISHER);
        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        publishAll(h, bodies);
        assertEquals(bodies.size(), okCount(h.take(PUBLISHER)));
        return h;
    }

    /** Subscribes, opens RDY and FINs everything delivered until nothing more comes; returns the bodies in order. */
    private static List<String> consumeAll(final EngineHarness h, final long consumer, final String channel)
    {
        h.connect(consumer);
        h.sub(consumer, "t", channel);
        h.rdy(consumer, 50);
        final List<String> got = new ArrayList<>();
        for (int round = 0; round < 10_000; round++)
        {
            final List<EngineHarness.Frame> messages = h.messages(consumer);
            if (messages.isEmpty())
            {
                h.run();
                if (h.messages(consumer).isEmpty() && round > 0)
                {
                    break;
                }
                continue;
            }
            for (final EngineHarness.Frame m : messages)
            {
                got.add(m.body());
                h.fin(consumer, m.messageId());
            }
        }
        return got;
    }

    private static void appendQuietly(final MemoryStore store, final StoredMessage m)
    {
        try
        {
            store.append(m.id, m.timestamp, m.attempts, m.deferral, m.body);
        }
        catch (final StoreException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long okCount(final List<EngineHarness.Frame> frames)
    {
        return frames.stream().filter(f -> f.type() == OutboundType.RESPONSE && "OK".equals(f.text())).count();
    }

    @Test
    void shouldSpillToDiskWhenMemoryIsFullAndDeliverEveryMessage()
    {
        for (final long memQueueSize : new long[] {0, 1, 100})
        {
            final EngineHarness h = EngineHarness.withDisk(config(memQueueSize, 2500));
            h.connect(PUBLISHER);
            final List<String> sent = bodies(500);
            publishAll(h, sent);
            assertEquals(500, okCount(h.take(PUBLISHER)), "every PUB answered OK at mem-queue-size " + memQueueSize);
            assertEquals(500, h.engine.topic("t").depth());
            assertEquals(500 - Math.min(memQueueSize, 500), h.engine.topic("t").backendDepth());

            final List<String> got = consumeAll(h, CONSUMER, "c");
            assertEquals(500, got.size(), "mem-queue-size " + memQueueSize);
            assertEquals(sent.stream().sorted().toList(), got.stream().sorted().toList());
        }
    }

    @Test
    void shouldHoldPublishersBackWhileTheDiskAgentLagsAndRefuseNone()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        h.diskRunning = false;
        final String mib = "x".repeat(1 << 20);
        for (int i = 0; i < 4; i++)
        {
            h.mpub(PUBLISHER, "t", mib, mib, mib, mib);
        }
        final List<EngineHarness.Frame> whileLagging = h.take(PUBLISHER);
        assertEquals(DiskPort.APPEND_BYTES_QUEUED / (4 << 20), okCount(whileLagging),
            "batches of 4 MiB are taken until the bodies waiting for the disk agent reach the bound");
        assertTrue(whileLagging.stream().noneMatch(f -> f.type() == OutboundType.ERROR), "a publish waits, it is not refused");

        h.diskRunning = true;
        h.run();
        assertEquals(4 - DiskPort.APPEND_BYTES_QUEUED / (4 << 20), okCount(h.take(PUBLISHER)), "the rest once the disk caught up");
        assertEquals(16, h.engine.topic("t").backendDepth());
    }

    @Test
    void shouldKeepDiskOrderWhenEverythingGoesThroughDisk()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        final List<String> sent = bodies(300);
        publishAll(h, sent);
        assertEquals(sent, consumeAll(h, CONSUMER, "c"));
    }

    @Test
    void shouldGiveTheFirstChannelTheTopicsDiskBacklogAndLaterChannelsOnlyNewMessages()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        publishAll(h, bodies(20));
        assertEquals(20, consumeAll(h, CONSUMER, "first").size());
        h.connect(3);
        h.sub(3, "t", "second");
        h.pub(PUBLISHER, "t", "late");
        h.rdy(3, 10);
        final List<EngineHarness.Frame> second = h.messages(3);
        assertEquals(List.of("late"), second.stream().map(EngineHarness.Frame::body).toList());
    }

    @Test
    void shouldSyncAQueueEachTimeItTakesSyncEveryMessagesWithinOneBatchOfCommands()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 10));
        h.connect(PUBLISHER);
        h.diskRunning = false;
        for (int i = 0; i < 25; i++)
        {
            h.pub(PUBLISHER, "t", "m" + i);
        }
        final int syncsBefore = h.opener.syncs;
        h.diskRunning = true;
        h.run();
        // the 25 appends reach the disk agent in one batch: synced after the 10th and the 20th, as upstream
        assertEquals(syncsBefore + 2, h.opener.syncs);
    }

    @Test
    void shouldAnswerDurablePublishOnlyAfterTheDiskAgentSynced()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 1));
        h.connect(PUBLISHER);
        h.diskRunning = false;
        h.pub(PUBLISHER, "t", "a");
        h.mpub(PUBLISHER, "t", "b", "c");
        assertEquals(0, okCount(h.take(PUBLISHER)), "nothing is answered before it is stored");
        final int syncsBefore = h.opener.syncs;
        h.diskRunning = true;
        h.run();
        assertTrue(h.opener.syncs > syncsBefore);
        assertEquals(2, okCount(h.take(PUBLISHER)));
    }

    @Test
    void shouldKeepRepliesInOrderBehindADurablePublish()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 1));
        h.connect(PUBLISHER);
        h.diskRunning = false;
        h.pub(PUBLISHER, "t", "a");
        h.fin(PUBLISHER, 12345); // not subscribed: an error reply, which must come after the PUB's OK
        assertTrue(h.take(PUBLISHER).isEmpty());
        h.diskRunning = true;
        h.run();
        final List<EngineHarness.Frame> frames = h.take(PUBLISHER);
        assertEquals(2, frames.size());
        assertEquals("OK", frames.get(0).text());
        assertEquals(OutboundType.ERROR, frames.get(1).type());
    }

    @Test
    void shouldAnswerDurableHttpPublishWithAResultOnceStored()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 1));
        h.connect(PUBLISHER);
        h.diskRunning = false;
        h.send(CommandType.HTTP_PUB, PUBLISHER, e ->
        {
            e.topic = "t";
            e.body = "x".getBytes();
        });
        assertTrue(h.take(PUBLISHER).isEmpty());
        h.diskRunning = true;
        h.run();
        final List<EngineHarness.Frame> frames = h.take(PUBLISHER);
        assertEquals(1, frames.size());
        assertEquals(OutboundType.RESULT, frames.get(0).type());
        assertEquals(EngineResult.OK, frames.get(0).result());
    }

    @Test
    void shouldRedeliverEveryAcknowledgedUnfinishedMessageAfterACrashInDurableMode()
    {
        final EngineConfig durable = config(0, 1);
        final List<String> sent = bodies(100);
        EngineHarness h = durablyPublishedToASubscribedChannel(durable, sent);
        h.rdy(CONSUMER, 40);
        final List<EngineHarness.Frame> delivered = h.messages(CONSUMER);
        assertEquals(40, delivered.size());
        final List<String> finished = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            h.fin(CONSUMER, delivered.get(i).messageId());
            finished.add(delivered.get(i).body());
        }
        h.run();

        h = h.crashAndRestart(durable);
        final List<String> after = consumeAll(h, CONSUMER, "c");
        final List<String> expected = new ArrayList<>(sent);
        expected.removeAll(finished);
        assertTrue(after.containsAll(expected), "every un-FINished message comes again; missing: "
            + expected.stream().filter(b -> !after.contains(b)).toList());
    }

    @Test
    void shouldDeliverOnceAndConsumeACopyTheTopicHandsOnAgainAfterACrash()
    {
        final EngineConfig durable = config(0, 1);
        final List<String> sent = bodies(5);
        EngineHarness h = durablyPublishedToASubscribedChannel(durable, sent);

        // killed after the channel's copies were synced and before the topic's entries were consumed
        h = h.crashAndRestart(durable, disk ->
        {
            final MemoryStore topicQueue = disk.store("t.queue");
            for (final StoredMessage m : disk.store("t:c.queue").remaining())
            {
                appendQuietly(topicQueue, m);
            }
        });
        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        h.rdy(CONSUMER, 20);
        h.run();
        final List<EngineHarness.Frame> delivered = h.messages(CONSUMER);
        assertEquals(sent, delivered.stream().map(EngineHarness.Frame::body).toList(), "each id once, while in flight");
        for (final EngineHarness.Frame m : delivered)
        {
            h.fin(CONSUMER, m.messageId());
        }
        h.run();
        assertEquals(List.of(), h.take(CONSUMER).stream().filter(f -> f.type() == OutboundType.ERROR).toList());

        h = h.crashAndRestart(durable);
        assertEquals(List.of(), consumeAll(h, CONSUMER, "c"), "the second copies were consumed, not left for later");
    }

    @Test
    void shouldRestoreQueuedInFlightAndDeferredMessagesAfterACleanRestart()
    {
        final EngineConfig config = config(100, 2500);
        EngineHarness h = EngineHarness.withDisk(config);
        h.connect(PUBLISHER);
        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        publishAll(h, bodies(10));
        h.dpub(PUBLISHER, "t", "later", 60_000);
        h.rdy(CONSUMER, 2);
        final List<EngineHarness.Frame> inFlight = h.messages(CONSUMER);
        assertEquals(2, inFlight.size());
        h.advanceMillis(20_000); // 40 s of the deferral left

        h = h.restart(config);
        final Channel channel = h.engine.topic("t").channel("c");
        assertEquals(10, channel.depth(), "8 queued and 2 in flight are ready again");
        assertEquals(1, channel.deferredCount());

        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        h.rdy(CONSUMER, 20);
        final List<EngineHarness.Frame> again = h.messages(CONSUMER);
        assertEquals(10, again.size());
        for (final EngineHarness.Frame f : again)
        {
            final boolean wasInFlight = inFlight.stream().anyMatch(m -> m.messageId() == f.messageId());
            assertEquals(wasInFlight ? 2 : 1, f.attempts(), "attempts kept for " + f.body());
        }
        h.advanceMillis(39_000);
        assertTrue(h.messages(CONSUMER).isEmpty(), "the deferral goes on where it stopped");
        h.advanceMillis(2_000);
        assertEquals(List.of("later"), h.messages(CONSUMER).stream().map(EngineHarness.Frame::body).toList());
    }

    @Test
    void shouldRestoreTopicsChannelsAndPauseStatesFromMetadata()
    {
        final EngineConfig config = config(100, 2500);
        EngineHarness h = EngineHarness.withDisk(config);
        h.connect(PUBLISHER);
        h.admin(PUBLISHER, CommandType.TOPIC_CREATE, "t", null);
        h.admin(PUBLISHER, CommandType.CHANNEL_CREATE, "t", "c");
        h.admin(PUBLISHER, CommandType.CHANNEL_CREATE, "t", "d#ephemeral");
        h.admin(PUBLISHER, CommandType.CHANNEL_PAUSE, "t", "c");
        h.admin(PUBLISHER, CommandType.TOPIC_PAUSE, "t", null);
        assertEquals(List.of(new TopicMetadata("t", true, List.of(new ChannelMetadata("c", true)))), h.savedMetadata.topics());

        h = h.restart(config);
        assertTrue(h.engine.topic("t").isPaused());
        assertTrue(h.engine.topic("t").channel("c").isPaused());
        assertEquals(null, h.engine.topic("t").channel("d#ephemeral"));
    }

    @Test
    void shouldRefuseDiskBoundPublishWhileWritesFailAndResumeByItself()
    {
        final EngineHarness h = EngineHarness.withDisk(config(2, 2500));
        h.connect(PUBLISHER);
        h.pub(PUBLISHER, "t", "m0");
        h.pub(PUBLISHER, "t", "m1");
        assertEquals(2, okCount(h.take(PUBLISHER)));
        h.opener.failWrites = true;
        h.pub(PUBLISHER, "t", "m2"); // memory full: to disk, answered; the write fails and m2 waits in memory
        h.pub(PUBLISHER, "t", "m3"); // refused now
        final List<EngineHarness.Frame> frames = h.take(PUBLISHER);
        assertEquals("OK", frames.get(0).text());
        assertEquals(OutboundType.ERROR, frames.get(1).type());
        assertTrue(frames.get(1).text().startsWith("E_PUB_FAILED PUB failed write test: no space left on device"), frames.get(1).text());
        assertTrue(frames.get(1).close());
        assertTrue(h.health.error() != null);
        assertEquals(3, h.engine.topic("t").depth(), "nothing acknowledged is lost");

        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        h.rdy(CONSUMER, 10);
        assertEquals(List.of("m0", "m1"), h.messages(CONSUMER).stream().map(EngineHarness.Frame::body).toList(),
            "consumers are still served");

        h.opener.failWrites = false;
        h.advanceMillis(1_100);
        assertEquals(null, h.health.error(), "the retried write worked");
        assertEquals(List.of("m2"), h.messages(CONSUMER).stream().map(EngineHarness.Frame::body).toList());
        h.connect(3);
        h.pub(3, "t", "m4");
        assertEquals(1, okCount(h.take(3)));
    }

    @Test
    void shouldForgetTheDiskQueueOfAnEmptiedChannel()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        h.admin(PUBLISHER, CommandType.TOPIC_CREATE, "t", null);
        h.admin(PUBLISHER, CommandType.CHANNEL_CREATE, "t", "c");
        publishAll(h, bodies(50));
        assertEquals(50, h.engine.topic("t").channel("c").depth());
        h.admin(PUBLISHER, CommandType.CHANNEL_EMPTY, "t", "c");
        assertEquals(0, h.engine.topic("t").channel("c").depth());
        h.pub(PUBLISHER, "t", "after");
        assertEquals(List.of("after"), consumeAll(h, CONSUMER, "c"));
    }

    @Test
    void shouldKeepADurableDeferredPublishDeferredAcrossACrash()
    {
        final EngineConfig durable = config(0, 1);
        EngineHarness h = EngineHarness.withDisk(durable);
        h.connect(PUBLISHER);
        h.admin(PUBLISHER, CommandType.TOPIC_CREATE, "t", null);
        h.admin(PUBLISHER, CommandType.CHANNEL_CREATE, "t", "c");
        h.dpub(PUBLISHER, "t", "later", 10_000);
        assertEquals(1, okCount(h.take(PUBLISHER)));
        h.advanceMillis(4_000);

        h = h.crashAndRestart(durable);
        h.connect(CONSUMER);
        h.sub(CONSUMER, "t", "c");
        h.rdy(CONSUMER, 1);
        h.advanceMillis(5_000);
        assertTrue(h.messages(CONSUMER).isEmpty(), "still deferred: 1 s of its 10 s left");
        h.advanceMillis(1_100);
        assertEquals(List.of("later"), h.messages(CONSUMER).stream().map(EngineHarness.Frame::body).toList());
    }

    @Test
    void shouldKeepMessagesOfATopicWithoutChannelsAcrossACrashInDurableMode()
    {
        final EngineConfig durable = config(0, 1);
        EngineHarness h = EngineHarness.withDisk(durable);
        h.connect(PUBLISHER);
        final List<String> sent = bodies(25);
        publishAll(h, sent);
        assertEquals(25, okCount(h.take(PUBLISHER)));

        h = h.crashAndRestart(durable);
        assertEquals(25, h.engine.topic("t").depth());
        assertEquals(sent, consumeAll(h, CONSUMER, "c"));
    }

    @Test
    void shouldRemoveTheDiskQueuesOfADeletedTopic()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        h.admin(PUBLISHER, CommandType.TOPIC_CREATE, "t", null);
        h.admin(PUBLISHER, CommandType.CHANNEL_CREATE, "t", "c");
        publishAll(h, bodies(5));
        h.take(PUBLISHER);
        assertTrue(h.opener.store("t.queue") != null && h.opener.store("t:c.queue") != null);
        h.admin(PUBLISHER, CommandType.TOPIC_DELETE, "t", null);
        assertEquals(null, h.opener.store("t.queue"));
        assertEquals(null, h.opener.store("t:c.queue"));
    }

    @Test
    void shouldAnswerPauseOnlyOnceTheMetadataIsSaved()
    {
        final EngineHarness h = EngineHarness.withDisk(config(100, 2500));
        h.connect(PUBLISHER);
        h.admin(PUBLISHER, CommandType.TOPIC_CREATE, "t", null);
        h.diskRunning = false;
        h.send(CommandType.TOPIC_PAUSE, PUBLISHER, e -> e.topic = "t");
        assertTrue(h.take(PUBLISHER).isEmpty());
        h.diskRunning = true;
        h.run();
        final List<EngineHarness.Frame> frames = h.take(PUBLISHER);
        assertEquals(1, frames.size());
        assertEquals(EngineResult.OK, frames.get(0).result());
        assertTrue(h.savedMetadata.topics().get(0).paused());
    }

    @Test
    void shouldHandEphemeralMessagesToAReadyClientOrDropThemWhenNothingIsQueuedInMemory()
    {
        final EngineHarness h = EngineHarness.withDisk(config(0, 2500));
        h.connect(PUBLISHER);
        h.connect(CONSUMER);
        h.sub(CONSUMER, "t#ephemeral", "tail#ephemeral");
        h.pub(PUBLISHER, "t#ephemeral", "dropped: nobody is ready");
        h.rdy(CONSUMER, 1);
        h.pub(PUBLISHER, "t#ephemeral", "handed over");
        h.pub(PUBLISHER, "t#ephemeral", "dropped: the window is full");
        assertEquals(3, okCount(h.take(PUBLISHER)));
        assertEquals(List.of("handed over"), h.messages(CONSUMER).stream().map(EngineHarness.Frame::body).toList());
        assertEquals(null, h.opener.store("t#ephemeral.queue"), "ephemeral queues never touch the disk");
    }
}
