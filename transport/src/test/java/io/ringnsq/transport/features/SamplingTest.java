package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.Wire;

/**
 * {@code sample_rate} in IDENTIFY (spec §2.9): for each message the pump takes for a sampling client, nsqd draws r in
 * [0,100) and skips the message if r &gt; S, so about (S+1)% get through; a skipped message has already left the
 * channel's queue and is not requeued: it is gone for that channel. Other channels of the topic get everything.
 */
final class SamplingTest
{
    private static final int MESSAGES = 2_000;
    private static final int BATCH = 200;
    /** 51% of 2,000 is 1,020, with a binomial standard deviation of about 22: ±170 is more than 7 of them. */
    private static final int LOW = 850;
    private static final int HIGH = 1_190;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void shouldDeliverRoughlyHalfOfTheMessagesAtSampleRate50AndLoseTheRestForThatChannelOnly()
    {
        final String topic = "sampling";
        final List<String> bodies = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++)
        {
            bodies.add(String.format("sampled-%05d", i));
        }
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> context);
             StackedClient sampled = nsqd.connect();
             StackedClient everything = nsqd.connect();
             StackedClient producer = nsqd.connect())
        {
            assertEquals(IdentifyResponse.defaults().withSampleRate(50).json(),
                sampled.identify("{\"client_id\":\"sampler\",\"feature_negotiation\":true,\"sample_rate\":50}").text());
            sampled.bufferReads().subscribe(topic, "sampled");
            sampled.send("RDY 2500");
            everything.bufferReads().subscribe(topic, "everything");
            everything.send("RDY 2500");

            for (int from = 0; from < MESSAGES; from += BATCH)
            {
                producer.send("MPUB " + topic, mpubBody(bodies.subList(from, from + BATCH)));
                producer.expectOk();
            }

            final Set<String> received = drain(nsqd, sampled, topic, "sampled");
            System.out.println("[sampling] sample_rate 50 delivered " + received.size() + " of " + MESSAGES);
            assertTrue(received.size() >= LOW && received.size() <= HIGH,
                "sample_rate 50 delivered " + received.size() + " of " + MESSAGES + ", expected about 51% (" + LOW + ".." + HIGH + ")");
            assertTrue(bodies.containsAll(received), "only published bodies");

            final Map<String, Object> channel = nsqd.statsChannel(topic, "sampled");
            assertEquals((long)MESSAGES, channel.get("message_count"), "every message entered the channel: " + channel);
            assertEquals(0L, channel.get("requeue_count"), "skipped messages are not requeued: " + channel);
            final Map<String, Object> client = nsqd.statsClient("sampler").orElseThrow();
            assertEquals(50L, client.get("sample_rate"), client.toString());
            assertEquals((long)received.size(), client.get("message_count"), "the client's deliveries: " + client);

            try (StackedClient latecomer = nsqd.connect())
            {
                latecomer.subscribe(topic, "sampled");
                latecomer.send("RDY 100");
                latecomer.expectNothing(Duration.ofMillis(250));
            }

            final Set<String> all = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++)
            {
                final Message message = everything.expectMessage();
                assertTrue(all.add(message.bodyText()), "delivered twice: " + message);
                everything.send("FIN " + message.id());
            }
            assertEquals(new HashSet<>(bodies), all, "the channel without sampling got every message");
        }
    }

    /**
     * Reads and FINs what the sampling client gets until the channel is empty with nothing in flight: then every
     * message has been delivered or skipped.
     */
    private static Set<String> drain(final FeatureNsqd nsqd, final StackedClient client, final String topic, final String channel)
    {
        final Set<String> received = new HashSet<>();
        final long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (true)
        {
            final Frame frame = client.pollFrame(POLL);
            if (frame != null)
            {
                assertTrue(frame.isMessage(), () -> "expected a message, got " + frame);
                final Message message = Message.decode(frame);
                assertEquals(1, message.attempts(), frame.toString());
                assertTrue(received.add(message.bodyText()), () -> "delivered twice: " + frame);
                client.send("FIN " + message.id());
                continue;
            }
            final Map<String, Object> stats = nsqd.statsChannel(topic, channel);
            if (Long.valueOf(0).equals(stats.get("depth")) && Long.valueOf(0).equals(stats.get("in_flight_count"))
                && Long.valueOf(0).equals(stats.get("deferred_count")))
            {
                return received;
            }
            assertTrue(System.nanoTime() - deadline < 0, "channel not drained after " + DRAIN_LIMIT.toSeconds() + " s: " + stats);
        }
    }

    private static byte[] mpubBody(final List<String> bodies)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.int32(bodies.size()));
        for (final String body : bodies)
        {
            final byte[] bytes = Wire.utf8(body);
            out.writeBytes(Wire.int32(bytes.length));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
