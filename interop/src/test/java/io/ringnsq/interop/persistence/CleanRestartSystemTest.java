package io.ringnsq.interop.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.ringnsq.interop.support.DaemonHttp;
import io.ringnsq.interop.support.DaemonProcess;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop (SIGTERM) and a start on the same data path, nsqd running as a process of its own with
 * {@code --mem-queue-size=100} (so part of a queue is on disk, part in memory). Before the stop: messages queued on a
 * channel (memory and disk) and on a topic with no channel yet, messages in flight that were requeued once (attempts
 * 2), messages deferred by DPUB and by REQ with a delay, a paused channel and a paused topic. After the start each must
 * be as it was: the queued ones all there, the in-flight ones back in the queue with their attempts, the deferred ones
 * still deferred and delivered at their time, not before, and the pauses kept (nsqd.dat).
 *
 * <p>The stop and start happen once, before the tests ({@link #stopAndStartAgain()}); each test then checks one
 * topic of the restarted nsqd. The deferred messages' test runs first, while they are still deferred.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class CleanRestartSystemTest
{
    private static final String LOG = "[clean-restart] ";
    private static final List<String> FLAGS = List.of("--mem-queue-size=100");
    private static final String CHANNEL = "c";
    private static final String QUEUED = "restart_queued";
    private static final int QUEUED_COUNT = 250;
    private static final String BACKLOG = "restart_backlog";
    private static final int BACKLOG_COUNT = 150;
    private static final String IN_FLIGHT = "restart_inflight";
    private static final int IN_FLIGHT_COUNT = 3;
    private static final String DEFERRED = "restart_deferred";
    private static final int DPUB_COUNT = 3;
    private static final int REQ_COUNT = 2;
    /** Longer than a stop and a start take, so the deferred messages are still deferred after the start. */
    private static final long DEFERRAL_MS = 6_000;
    /** How early a deferred message may come: clock reads and timer ticks, not a deferral lost. */
    private static final long EARLY_TOLERANCE_MS = 50;
    private static final String PAUSED_CHANNEL_TOPIC = "restart_paused_channel";
    private static final String PAUSED_TOPIC = "restart_paused_topic";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path dataPath;

    private static DaemonProcess restarted;
    private static Map<String, DaemonHttp.TopicFigures> statsAfterStart;
    /** Deferred message body: the earliest time (System.nanoTime) it may be delivered. */
    private static final Map<String, Long> dueNotBefore = new HashMap<>();
    private static long startedAgainAt;

    @BeforeAll
    static void stopAndStartAgain() throws Exception
    {
        try (DaemonProcess nsqd = DaemonProcess.nsqd(dataPath, LOG, FLAGS);
             V2Connection publisher = V2Connection.open(nsqd.tcpAddress());
             V2Connection inFlightConsumer = V2Connection.open(nsqd.tcpAddress());
             V2Connection deferringConsumer = V2Connection.open(nsqd.tcpAddress()))
        {
            final String http = nsqd.httpBase();
            createChannel(http, QUEUED);
            publishAll(publisher, QUEUED, "queued-", QUEUED_COUNT);
            DaemonHttp.postOk(http + "/topic/create?topic=" + BACKLOG);
            publishAll(publisher, BACKLOG, "backlog-", BACKLOG_COUNT);

            createChannel(http, PAUSED_CHANNEL_TOPIC);
            publishAll(publisher, PAUSED_CHANNEL_TOPIC, "paused-", 2);
            DaemonHttp.postOk(http + "/channel/pause?topic=" + PAUSED_CHANNEL_TOPIC + "&channel=" + CHANNEL);
            DaemonHttp.postOk(http + "/topic/create?topic=" + PAUSED_TOPIC);
            DaemonHttp.postOk(http + "/topic/pause?topic=" + PAUSED_TOPIC);

            inFlightConsumer.subscribe(IN_FLIGHT, CHANNEL).rdy(IN_FLIGHT_COUNT);
            publishAll(publisher, IN_FLIGHT, "inflight-", IN_FLIGHT_COUNT);
            for (final Message first : Deliveries.take(inFlightConsumer, IN_FLIGHT_COUNT, WAIT))
            {
                assertEquals(1, first.attempts(), "first delivery of " + first);
                inFlightConsumer.req(first.id(), 0);
            }
            for (final Message second : Deliveries.take(inFlightConsumer, IN_FLIGHT_COUNT, WAIT))
            {
                assertEquals(2, second.attempts(), "second delivery of " + second); // and held in flight through the stop
            }

            // last, so that as little of their deferral as possible goes by before the stop
            deferringConsumer.subscribe(DEFERRED, CHANNEL).rdy(REQ_COUNT);
            for (int i = 0; i < DPUB_COUNT; i++)
            {
                final String body = "dpub-" + i;
                dueNotBefore.put(body, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEFERRAL_MS));
                publisher.write(Wire.dpub(DEFERRED, DEFERRAL_MS, body));
                publisher.expectOk();
            }
            publishAll(publisher, DEFERRED, "req-", REQ_COUNT);
            for (final Message message : Deliveries.take(deferringConsumer, REQ_COUNT, WAIT))
            {
                dueNotBefore.put(message.bodyText(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEFERRAL_MS));
                deferringConsumer.req(message.id(), DEFERRAL_MS);
            }
            final DaemonHttp.TopicFigures before = awaitDeferred(http, DPUB_COUNT + REQ_COUNT);
            assertEquals(IN_FLIGHT_COUNT, DaemonHttp.topics(http).get(IN_FLIGHT).channel(CHANNEL).inFlight(), "in flight before the stop");

            assertEquals(0, nsqd.stop(), "nsqd's exit code after SIGTERM: a clean stop");
            System.out.println(LOG + "stopped with SIGTERM; deferred before the stop: " + before.channel(CHANNEL));
        }
        startedAgainAt = System.nanoTime();
        restarted = DaemonProcess.nsqd(dataPath, LOG + "(restarted) ", FLAGS);
        statsAfterStart = DaemonHttp.topics(restarted.httpBase());
        System.out.println(LOG + "started again in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAgainAt) + " ms");
    }

    @AfterAll
    static void stopRestarted()
    {
        if (restarted != null)
        {
            restarted.close();
        }
    }

    @Test
    @Order(1)
    void shouldKeepDeferredMessagesDeferredAcrossTheRestartAndDeliverThemAtTheirTimeNotBefore() throws Exception
    {
        final DaemonHttp.ChannelFigures figures = topic(DEFERRED).channel(CHANNEL);
        assertEquals(DPUB_COUNT + REQ_COUNT, figures.deferred(), "deferred_count in /stats right after the start: " + figures);
        assertEquals(0, figures.depth(), "nothing deferred is in the queue yet: " + figures);

        try (V2Connection consumer = V2Connection.open(restarted.tcpAddress()).subscribe(DEFERRED, CHANNEL).rdy(10))
        {
            final long subscribedAt = System.nanoTime();
            final long earliestDue = dueNotBefore.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            System.out.println(LOG + "subscribed to the deferred messages " + TimeUnit.NANOSECONDS.toMillis(earliestDue - subscribedAt)
                + " ms before the first is due (restart took " + TimeUnit.NANOSECONDS.toMillis(subscribedAt - startedAgainAt) + " ms)");
            final Map<String, Message> arrived = new HashMap<>();
            long latestMs = Long.MIN_VALUE;
            final long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEFERRAL_MS) + WAIT.toNanos();
            while (arrived.size() < dueNotBefore.size() && System.nanoTime() - limit < 0)
            {
                final Message message = Deliveries.next(consumer, Duration.ofMillis(500));
                if (message == null)
                {
                    continue;
                }
                final long at = System.nanoTime();
                final String body = message.bodyText();
                final Long due = dueNotBefore.get(body);
                assertTrue(due != null && arrived.put(body, message) == null, "unexpected or repeated " + message);
                final long earlyMs = TimeUnit.NANOSECONDS.toMillis(due - at);
                assertTrue(earlyMs <= EARLY_TOLERANCE_MS, body + " was delivered " + earlyMs + " ms before its deferral ended");
                latestMs = Math.max(latestMs, -earlyMs);
                consumer.fin(message.id());
            }
            assertEquals(dueNotBefore.keySet(), arrived.keySet(), "deferred messages delivered after the restart");
            System.out.println(LOG + "the deferred messages came at most " + latestMs + " ms after they were due");
            for (final Message message : arrived.values())
            {
                // a DPUB was never delivered; a REQ'd message was, once
                assertEquals(message.bodyText().startsWith("dpub-") ? 1 : 2, message.attempts(), "attempts of " + message);
            }
        }
    }

    @Test
    @Order(2)
    void shouldRestoreEveryQueuedMessageOfAChannelFromMemoryAndDisk()
    {
        assertEquals(QUEUED_COUNT, topic(QUEUED).channel(CHANNEL).depth(), "channel depth in /stats after the start");
        assertEquals(bodies("queued-", QUEUED_COUNT), receiveAll(QUEUED, QUEUED_COUNT, 1));
    }

    @Test
    @Order(3)
    void shouldRestoreTheBacklogOfATopicWithoutChannelsForItsFirstChannel()
    {
        assertEquals(BACKLOG_COUNT, topic(BACKLOG).depth(), "topic depth in /stats after the start");
        assertEquals(bodies("backlog-", BACKLOG_COUNT), receiveAll(BACKLOG, BACKLOG_COUNT, 1));
    }

    @Test
    @Order(4)
    void shouldPutInFlightMessagesBackInTheQueueWithTheirAttemptsKept()
    {
        final DaemonHttp.ChannelFigures figures = topic(IN_FLIGHT).channel(CHANNEL);
        assertEquals(IN_FLIGHT_COUNT, figures.depth(), "in-flight messages are queued after the start: " + figures);
        assertEquals(0, figures.inFlight(), "nothing in flight after the start: " + figures);
        // delivered twice before the stop: attempts 2 kept, and this delivery counts as the third (as upstream)
        assertEquals(bodies("inflight-", IN_FLIGHT_COUNT), receiveAll(IN_FLIGHT, IN_FLIGHT_COUNT, 3));
    }

    @Test
    @Order(5)
    void shouldKeepAPausedChannelAndAPausedTopicPausedAcrossTheRestart()
    {
        final DaemonHttp.ChannelFigures channel = topic(PAUSED_CHANNEL_TOPIC).channel(CHANNEL);
        assertTrue(channel.paused(), "channel paused in /stats after the start: " + channel);
        assertEquals(2, channel.depth(), "the paused channel's messages: " + channel);
        assertTrue(!topic(PAUSED_CHANNEL_TOPIC).paused(), "its topic was not paused");
        assertTrue(topic(PAUSED_TOPIC).paused(), "topic paused in /stats after the start");
    }

    private static void createChannel(final String http, final String topic) throws Exception
    {
        DaemonHttp.postOk(http + "/topic/create?topic=" + topic);
        DaemonHttp.postOk(http + "/channel/create?topic=" + topic + "&channel=" + CHANNEL);
    }

    private static DaemonHttp.TopicFigures topic(final String name)
    {
        final DaemonHttp.TopicFigures topic = statsAfterStart.get(name);
        assertTrue(topic != null, "no topic " + name + " in /stats after the start: " + statsAfterStart.keySet());
        return topic;
    }

    /** PUB, MPUBs of up to 50, answered OK: {@code prefix0}, {@code prefix1}, ... */
    private static void publishAll(final V2Connection publisher, final String topic, final String prefix, final int count)
    {
        final List<String> bodies = new ArrayList<>(bodies(prefix, count));
        bodies.sort(null);
        for (int from = 0; from < count; from += 50)
        {
            final List<String> batch = bodies.subList(from, Math.min(count, from + 50));
            publisher.write(batch.size() == 1 ? Wire.pub(topic, batch.get(0)) : Wire.mpub(topic, batch.toArray(String[]::new)));
            publisher.expectOk();
        }
    }

    private static Set<String> bodies(final String prefix, final int count)
    {
        return new HashSet<>(IntStream.range(0, count).mapToObj(i -> prefix + i).toList());
    }

    private static DaemonHttp.TopicFigures awaitDeferred(final String http, final int count) throws Exception
    {
        final long limit = System.nanoTime() + WAIT.toNanos();
        DaemonHttp.TopicFigures topic = DaemonHttp.topics(http).get(DEFERRED);
        while (topic.channel(CHANNEL).deferred() != count && System.nanoTime() - limit < 0)
        {
            Thread.sleep(10);
            topic = DaemonHttp.topics(http).get(DEFERRED);
        }
        assertEquals(count, topic.channel(CHANNEL).deferred(), "deferred before the stop: " + topic.channel(CHANNEL));
        return topic;
    }

    /** Subscribes, receives exactly {@code count} messages, each with {@code attempts}, FINs them; returns their bodies. */
    private static Set<String> receiveAll(final String topic, final int count, final int attempts)
    {
        try (V2Connection consumer = V2Connection.open(restarted.tcpAddress()).subscribe(topic, CHANNEL).rdy(count))
        {
            final Set<String> bodies = new HashSet<>();
            for (final Message message : Deliveries.take(consumer, count, WAIT))
            {
                assertEquals(attempts, message.attempts(), "attempts of " + message);
                assertTrue(bodies.add(message.bodyText()), "delivered twice: " + message);
                consumer.fin(message.id());
            }
            return bodies;
        }
    }
}
