package io.ringnsq.core.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ringnsq.core.link.OutboundType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest
{
    private static final long PUB = 1;
    private static final long A = 2;
    private static final long B = 3;

    private final EngineHarness h = new EngineHarness();

    @Test
    void shouldAnswerPublishWithOkAndStampTimestampAndAttempts()
    {
        h.connect(PUB);
        h.connect(A);
        h.pub(PUB, "t", "hello");
        assertEquals(List.of("OK"), h.take(PUB).stream().map(EngineHarness.Frame::text).toList());
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        final List<EngineHarness.Frame> frames = h.take(A);
        assertEquals("OK", frames.get(0).text());
        final EngineHarness.Frame msg = frames.get(1);
        assertEquals("hello", msg.body());
        assertEquals(1, msg.attempts());
        assertEquals(h.clock.epochNanos(), msg.timestamp());
    }

    @Test
    void shouldFanOutEveryMessageToEveryChannel()
    {
        connectAll();
        h.sub(A, "t", "one");
        h.sub(B, "t", "two");
        h.rdy(A, 10);
        h.rdy(B, 10);
        h.mpub(PUB, "t", "m1", "m2", "m3");
        assertEquals(List.of("m1", "m2", "m3"), bodies(h.messages(A)));
        assertEquals(List.of("m1", "m2", "m3"), bodies(h.messages(B)));
    }

    @Test
    void shouldShareOneChannelBetweenItsConsumers()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.sub(B, "t", "c");
        h.rdy(A, 10);
        h.rdy(B, 10);
        for (int i = 0; i < 10; i++)
        {
            h.pub(PUB, "t", "m" + i);
        }
        final List<String> a = bodies(h.messages(A));
        final List<String> b = bodies(h.messages(B));
        assertEquals(10, a.size() + b.size());
        final Set<String> all = new HashSet<>(a);
        all.addAll(b);
        assertEquals(10, all.size());
        assertTrue(!a.isEmpty() && !b.isEmpty(), "both consumers get a share");
    }

    @Test
    void shouldKeepMessagesPublishedBeforeAnyChannelForTheFirstChannelOnly()
    {
        connectAll();
        h.pub(PUB, "t", "early");
        h.sub(A, "t", "first");
        h.rdy(A, 5);
        h.sub(B, "t", "second");
        h.rdy(B, 5);
        h.pub(PUB, "t", "late");
        assertEquals(List.of("early", "late"), bodies(h.messages(A)));
        assertEquals(List.of("late"), bodies(h.messages(B)));
    }

    @Test
    void shouldTreatRdyAsAWindowAgainstInFlight()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 2);
        h.mpub(PUB, "t", "m1", "m2", "m3");
        final List<EngineHarness.Frame> first = h.messages(A);
        assertEquals(2, first.size());
        h.fin(A, first.get(0).messageId());
        assertEquals(List.of("m3"), bodies(h.messages(A)));
    }

    @Test
    void shouldRedeliverAfterMsgTimeoutWithAttemptsIncremented()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        h.pub(PUB, "t", "m");
        final EngineHarness.Frame first = h.messages(A).get(0);
        h.advanceMillis(59_000);
        assertTrue(h.messages(A).isEmpty(), "not before the 60 s timeout");
        h.advanceMillis(1_100);
        final EngineHarness.Frame again = h.messages(A).get(0);
        assertEquals(first.messageId(), again.messageId());
        assertEquals(2, again.attempts());
        assertEquals(1, h.engine.topic("t").channel("c").timeoutCount());
    }

    @Test
    void shouldFailFinForAMessageThatTimedOutWithoutClosing()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        h.pub(PUB, "t", "m");
        final long id = h.messages(A).get(0).messageId();
        h.rdy(A, 0);
        h.advanceMillis(61_000);
        h.fin(A, id);
        final EngineHarness.Frame error = h.take(A).get(0);
        assertEquals(OutboundType.ERROR, error.type());
        assertEquals("E_FIN_FAILED FIN " + io.ringnsq.core.message.MessageIds.toHex(id) + " failed ID not in flight", error.text());
        assertEquals(false, error.close());
    }

    @Test
    void shouldHoldRequeueWithDelayUntilItIsDue()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        h.pub(PUB, "t", "m");
        final long id = h.messages(A).get(0).messageId();
        h.req(A, id, 1000);
        assertEquals(1, h.engine.topic("t").channel("c").deferredCount());
        h.advanceMillis(900);
        assertTrue(h.messages(A).isEmpty());
        h.advanceMillis(200);
        final EngineHarness.Frame again = h.messages(A).get(0);
        assertEquals(2, again.attempts());
        assertEquals(1, h.engine.topic("t").channel("c").requeueCount());
    }

    @Test
    void shouldReleaseDeferredPublishAfterItsDelay()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        h.dpub(PUB, "t", "later", 1500);
        assertTrue(h.messages(A).isEmpty());
        h.advanceMillis(1400);
        assertTrue(h.messages(A).isEmpty());
        h.advanceMillis(200);
        assertEquals(List.of("later"), bodies(h.messages(A)));
    }

    @Test
    void shouldExtendDeadlineOnTouchButNotBeyondMaxMsgTimeout()
    {
        final EngineHarness small = new EngineHarness(new EngineConfig().memQueueSize(10).msgTimeoutNs(1_000_000_000L)
            .maxMsgTimeoutNs(2_500_000_000L));
        small.connect(PUB);
        small.connect(A);
        small.sub(A, "t", "c");
        small.rdy(A, 1);
        small.pub(PUB, "t", "m");
        final long id = small.messages(A).get(0).messageId();
        small.advanceMillis(800);
        small.touch(A, id);
        small.advanceMillis(800);
        small.touch(A, id);
        small.advanceMillis(800);
        small.touch(A, id); // would be 3.4 s; capped at delivery + 2.5 s
        assertTrue(small.messages(A).isEmpty());
        small.advanceMillis(200);
        assertEquals(2, small.messages(A).get(0).attempts());
    }

    @Test
    void shouldKeepDisconnectedConsumersMessagesInFlightUntilTheirTimeout()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 1);
        h.pub(PUB, "t", "m");
        assertEquals(1, h.messages(A).size());
        h.disconnect(A);
        h.sub(B, "t", "c");
        h.rdy(B, 1);
        assertTrue(h.messages(B).isEmpty());
        h.advanceMillis(60_100);
        assertEquals(2, h.messages(B).get(0).attempts());
    }

    @Test
    void shouldDeleteEphemeralChannelWithItsLastClientAndEphemeralTopicWithItsLastChannel()
    {
        connectAll();
        h.sub(A, "e#ephemeral", "c#ephemeral");
        h.pub(PUB, "e#ephemeral", "m");
        h.disconnect(A);
        assertNull(h.engine.topic("e#ephemeral"));

        h.sub(B, "t", "c#ephemeral");
        h.disconnect(B);
        assertNull(h.engine.topic("t").channel("c#ephemeral"));
    }

    @Test
    void shouldRefusePublishWithPubFailedWhenMemoryIsFullAndLoseNothing()
    {
        final EngineHarness tiny = new EngineHarness(new EngineConfig().memQueueSize(2));
        tiny.connect(PUB);
        tiny.pub(PUB, "t", "1");
        tiny.pub(PUB, "t", "2");
        tiny.pub(PUB, "t", "3");
        final List<EngineHarness.Frame> replies = tiny.take(PUB);
        assertEquals("OK", replies.get(0).text());
        assertEquals("OK", replies.get(1).text());
        assertTrue(replies.get(2).text().startsWith("E_PUB_FAILED PUB failed "), replies.get(2).text());
        assertTrue(replies.get(2).close());
        tiny.connect(A);
        tiny.sub(A, "t", "c");
        tiny.rdy(A, 10);
        assertEquals(List.of("1", "2"), bodies(tiny.messages(A)));
    }

    @Test
    void shouldHoldFanOutWhileAChannelIsFullAndResumeWhenItDrains()
    {
        final EngineHarness tiny = new EngineHarness(new EngineConfig().memQueueSize(2));
        tiny.connect(PUB);
        tiny.connect(A);
        tiny.sub(A, "t", "c");
        tiny.pub(PUB, "t", "1");
        tiny.pub(PUB, "t", "2");
        tiny.pub(PUB, "t", "3");
        tiny.pub(PUB, "t", "4");
        assertEquals(4, tiny.take(PUB).stream().filter(f -> "OK".equals(f.text())).count());
        tiny.rdy(A, 10);
        assertEquals(List.of("1", "2", "3", "4"), bodies(tiny.messages(A)));
    }

    @Test
    void shouldDropOverflowOfEphemeralTopicAndStillAnswerOk()
    {
        final EngineHarness tiny = new EngineHarness(new EngineConfig().memQueueSize(1));
        tiny.connect(PUB);
        tiny.pub(PUB, "e#ephemeral", "1");
        tiny.pub(PUB, "e#ephemeral", "2");
        assertEquals(List.of("OK", "OK"), tiny.take(PUB).stream().map(EngineHarness.Frame::text).toList());
        assertEquals(2, tiny.engine.topic("e#ephemeral").messageCount());
        assertEquals(1, tiny.engine.topic("e#ephemeral").depth());
    }

    @Test
    void shouldStopDeliveringAfterClsAndAnswerCloseWait()
    {
        connectAll();
        h.sub(A, "t", "c");
        h.rdy(A, 5);
        h.take(A);
        h.cls(A);
        assertEquals("CLOSE_WAIT", h.take(A).get(0).text());
        h.pub(PUB, "t", "m");
        assertTrue(h.messages(A).isEmpty());
    }

    private void connectAll()
    {
        h.connect(PUB);
        h.connect(A);
        h.connect(B);
    }

    private static List<String> bodies(final List<EngineHarness.Frame> frames)
    {
        return frames.stream().map(EngineHarness.Frame::body).toList();
    }
}
