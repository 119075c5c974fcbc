package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Misbehaving clients must not hurt the broker or other clients: garbage, torn frames, resets, and a
 * consumer that never reads (spec §1.2, §1.8 write deadline). After each, a fresh client still works.
 */
final class RobustnessConformanceTest extends ConformanceTestBase
{
    private static final int FLOOD_BATCHES = 3;
    private static final int FLOOD_BATCH_SIZE = 500;
    private static final int FLOOD_BODY_BYTES = 8 * 1024;

    @Test
    void shouldCloseOnGarbageAfterTheMagicAndKeepServing()
    {
        final V2Connection connection = connect();
        connection.write(Wire.hex("00 01 ff fe 78 0a 9c 9d 0a"));

        // the exact echo of the bytes is FramingConformanceTest's business; here: fatal, and nothing else breaks
        final Frame frame = connection.readFrame();
        assertEquals(Frame.TYPE_ERROR, frame.type(), frame::toString);
        assertTrue(frame.text().startsWith("E_INVALID invalid command "), frame::toString);
        connection.expectClosed();
        assertBrokerStillServes();
    }

    @Test
    void shouldSurviveBinaryGarbageWithoutNewlineThenReset()
    {
        final byte[] garbage = new byte[4000];
        new Random(42).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++)
        {
            if (garbage[i] == '\n')
            {
                garbage[i] = 'x';
            }
        }
        final V2Connection connection = connect();
        connection.write(garbage);
        connection.abort();

        assertBrokerStillServes();
    }

    @Test
    void shouldSurviveAClientThatClosesInsideTheMagic()
    {
        final V2Connection connection = connectWithoutMagic();
        connection.write(Wire.ascii("  V"));
        connection.close();
        connectWithoutMagic().abort();

        assertBrokerStillServes();
    }

    @Test
    void shouldPublishNothingFromAHalfFrameThenClose()
    {
        final String topic = unique("t");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);
        final V2Connection torn = connect();
        torn.write(Wire.concat(Wire.line("PUB " + topic), Wire.int32(100), Wire.ascii("only ten b")));
        torn.close();
        final V2Connection tornReset = connect();
        tornReset.write(Wire.concat(Wire.line("PUB " + topic), Wire.hex("00 00")));
        tornReset.abort();

        consumer.expectNothing();
        publish(topic, "whole");
        final Message message = consumer.expectMessage();
        assertEquals("whole", message.bodyText());
        assertBrokerStillServes();
    }

    @Test
    void shouldSurviveAResetFromAConsumerHoldingMessages()
    {
        final String topic = unique("t");
        publish(topic, "m1", "m2", "m3");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(3);
        consumer.expectMessages(3);
        consumer.abort();

        assertBrokerStillServes();
    }

    @Test
    void shouldSurviveManyShortLivedConnections()
    {
        for (int i = 0; i < 200; i++)
        {
            final V2Connection connection = V2Connection.open(address());
            if (i % 2 == 0)
            {
                connection.abort();
            }
            else
            {
                connection.close();
            }
        }

        assertBrokerStillServes();
    }

    /** A consumer with a tiny receive buffer and RDY for the whole flood, which never reads. */
    private V2Connection stalledConsumer(final String topic)
    {
        final V2Connection consumer = track(V2Connection.openWithoutMagic(address(), 4096));
        consumer.write(Wire.MAGIC_V2);
        consumer.subscribe(topic, "stalled");
        consumer.rdy(2500);
        consumer.syncInFlight();
        return consumer;
    }

    /** About 12 MiB in 1500 messages: far more than the socket buffers hold. */
    private void flood(final String topic)
    {
        final V2Connection producer = connect();
        for (int batch = 0; batch < FLOOD_BATCHES; batch++)
        {
            final List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < FLOOD_BATCH_SIZE; i++)
            {
                bodies.add(new byte[FLOOD_BODY_BYTES]);
            }
            producer.send("MPUB " + topic, Wire.mpubBody(bodies));
            producer.expectOk();
        }
    }

    @Test
    void shouldKeepServingOthersWhileAConsumerNeverReads()
    {
        final String topic = unique("t");
        stalledConsumer(topic);
        final V2Connection healthy = subscriber(topic, "healthy");
        healthy.rdy(1);

        flood(topic);

        // the same topic's other channel still delivers, and so does another topic
        assertEquals(FLOOD_BODY_BYTES, healthy.expectMessage().body().length);
        assertBrokerStillServes();
    }

    @Test
    void shouldDropAConsumerWhoseWritesStallForOneHeartbeatInterval()
    {
        // off the ManualClock's origin, so the stall starts at a non-zero time like any real clock reading
        clock.advanceMillis(1_000);
        final String topic = unique("t");
        final V2Connection stalled = stalledConsumer(topic);
        flood(topic);
        assertBrokerStillServes();
        // a reply that has to queue behind the flood: a write that cannot finish, started at this time
        stalled.fin(V2Connection.UNKNOWN_ID);
        // quiet check on an idle connection; it also lets the broker reach the stalled write before the clock moves
        connect().expectNothing();

        // every write must finish within one heartbeat interval (30 s by default)
        clock.advanceMillis(30_001);
        // what reached the kernel still arrives, then the close (possibly inside a frame, as upstream's failed write)
        final int received = stalled.readUntilClosed().length;
        final int flooded = FLOOD_BATCHES * FLOOD_BATCH_SIZE * (4 + Message.HEADER_LENGTH + FLOOD_BODY_BYTES);
        assertTrue(received < flooded, "the broker should have dropped the connection before sending everything: "
            + received + " of " + flooded + " bytes");
        assertBrokerStillServes();
    }
}
