package io.ringnsq.transport.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.V2Connection;
import io.ringnsq.transport.testsupport.Wire;

/**
 * Spec §1.1–1.3: the magic, line syntax, frame layout and reply order.
 */
final class FramingConformanceTest extends ConformanceTestBase
{
    @Test
    void shouldCloseAfterBadMagicWithEBadProtocol()
    {
        final V2Connection connection = connectWithoutMagic();
        connection.write(Wire.ascii("  V1"));

        // the exact bytes from spec §1.1, then EOF
        assertArrayEquals(Wire.hex("00 00 00 12 00 00 00 01 45 5f 42 41 44 5f 50 52 4f 54 4f 43 4f 4c"),
            connection.readUntilClosed());
    }

    @Test
    void shouldCloseAfterHttpRequestInsteadOfMagic()
    {
        final V2Connection connection = connectWithoutMagic();
        connection.write(Wire.ascii("GET "));

        assertArrayEquals(Wire.hex("00 00 00 12 00 00 00 01 45 5f 42 41 44 5f 50 52 4f 54 4f 43 4f 4c"),
            connection.readUntilClosed());
    }

    /** A connection that has sent nothing, known to be accepted by the broker at the current manual time. */
    private V2Connection acceptedWithoutMagic()
    {
        final V2Connection connection = connectWithoutMagic();
        // the listener accepts in arrival order: once a later connection is served, this one is accepted
        connect().sync();
        return connection;
    }

    @Test
    void shouldSendNoHeartbeatBeforeTheMagic()
    {
        // upstream starts the heartbeat loop only after reading the magic (spec §1.1, §1.8)
        final V2Connection connection = acceptedWithoutMagic();
        clock.advanceMillis(30_001);

        connection.expectNothing();
    }

    @Test
    void shouldKeepAConnectionWaitingForTheMagicUpToTwoHeartbeatIntervals()
    {
        // upstream waits for the magic forever (spec §1.1); ringnsq applies the read deadline from accept
        // (README compatibility table), so until then a late magic still works
        final V2Connection connection = acceptedWithoutMagic();
        clock.advanceMillis(59_000);
        connection.expectNothing();

        connection.write(Wire.MAGIC_V2);
        connection.sync();
    }

    @Test
    void shouldCloseWithoutFrameAConnectionThatNeverSendsTheMagic()
    {
        // ringnsq's deliberate difference: a socket that never speaks does not stay open for ever
        final V2Connection connection = acceptedWithoutMagic();
        clock.advanceMillis(60_001);

        connection.expectClosed();
    }

    @Test
    void shouldCloseWithoutFrameWhenTheMagicIsCutShort()
    {
        final V2Connection connection = connectWithoutMagic();
        connection.write(Wire.ascii("  V"));
        connection.shutdownOutput();

        connection.expectClosed();
    }

    @Test
    void shouldSendNothingForTheMagicItself()
    {
        connect().expectNothing();
    }

    @Test
    void shouldAnswerOkWithExactFrameBytes()
    {
        final V2Connection connection = connect();
        connection.write(Wire.pub(unique("t"), "hello"));

        assertArrayEquals(Wire.hex("00 00 00 06 00 00 00 00 4f 4b"), connection.readBytes(10));
    }

    @Test
    void shouldAcceptCommandsInTheSameWriteAsTheMagic()
    {
        final V2Connection connection = connectWithoutMagic();
        connection.write(Wire.concat(Wire.MAGIC_V2, Wire.pub(unique("t"), "m")));

        connection.expectOk();
    }

    @Test
    void shouldAcceptCrLfTerminatedLines()
    {
        final String topic = unique("t");
        final V2Connection connection = connect();

        connection.write(Wire.concat(Wire.ascii("PUB " + topic + "\r\n"), Wire.int32(5), Wire.ascii("hello")));
        connection.expectOk();
        connection.write(Wire.ascii("NOP\r\n"));
        connection.expectNothing();
        connection.write(Wire.ascii("SUB " + topic + " ch\r\n"));
        connection.expectOk();
        connection.write(Wire.ascii("RDY 1\r\n"));
        final Message message = connection.expectMessage();
        assertEquals("hello", message.bodyText());
        connection.write(Wire.ascii("FIN " + message.id() + "\r\n"));
        connection.syncInFlight();
    }

    @Test
    void shouldCloseAfterEmptyLineWithInvalidCommandAndTrailingSpace()
    {
        final V2Connection connection = connect();
        connection.write(Wire.ascii("\n"));

        connection.expectFatalError("E_INVALID invalid command ");
    }

    @Test
    void shouldCloseAfterBareCrLfLineWithInvalidCommand()
    {
        final V2Connection connection = connect();
        connection.write(Wire.ascii("\r\n"));

        connection.expectFatalError("E_INVALID invalid command ");
    }

    @Test
    void shouldCloseAfterUnknownCommandWithItsName()
    {
        final V2Connection connection = connect();
        connection.send("ASDF");

        connection.expectFatalError("E_INVALID invalid command ASDF");
    }

    @Test
    void shouldEchoTheRawBytesOfAnUnknownCommandName()
    {
        // Go's %s of a byte slice: the bytes as they came, not decoded or replaced
        final V2Connection connection = connect();
        connection.write(Wire.hex("00 01 ff fe c3 a9 78 0a"));

        connection.expectFatalError("E_INVALID invalid command " + Wire.latin1(Wire.hex("00 01 ff fe c3 a9 78")));
    }

    @Test
    void shouldTreatCommandNamesCaseSensitively()
    {
        final V2Connection connection = connect();
        connection.send("nop");

        connection.expectFatalError("E_INVALID invalid command nop");
    }

    @Test
    void shouldNameOnlyTheFirstTokenOfAnUnknownCommand()
    {
        final V2Connection connection = connect();
        connection.send("FOO bar baz");

        connection.expectFatalError("E_INVALID invalid command FOO");
    }

    @Test
    void shouldTreatALeadingSpaceAsAnEmptyCommandName()
    {
        // params are split on single spaces, so " NOP" is the command "" with the param "NOP"
        final V2Connection connection = connect();
        connection.send(" NOP");

        connection.expectFatalError("E_INVALID invalid command ");
    }

    @Test
    void shouldNeverAnswerNopBeforeOrAfterSub()
    {
        final V2Connection connection = connect();
        connection.nop();
        connection.expectNothing();

        connection.subscribe(unique("t"), "ch");
        connection.nop();
        connection.expectNothing();
    }

    @Test
    void shouldReplyInCommandOrderWhenPipelined()
    {
        final String topic = unique("t");
        final V2Connection connection = connect();
        connection.write(Wire.concat(Wire.pub(topic, "a"), Wire.pub(topic, "b"), Wire.line("NOP"), Wire.pub(topic, "c")));

        connection.expectOk();
        connection.expectOk();
        connection.expectOk();
        connection.expectNothing();
    }

    @Test
    void shouldAnswerEveryOneOfManyPipelinedPublishes()
    {
        final String topic = unique("t");
        final byte[][] commands = new byte[200][];
        for (int i = 0; i < commands.length; i++)
        {
            commands[i] = Wire.pub(topic, "m" + i);
        }
        final V2Connection connection = connect();
        connection.write(Wire.concat(commands));

        for (int i = 0; i < commands.length; i++)
        {
            connection.expectOk();
        }
        connection.expectNothing();
    }

    @Test
    void shouldAcceptCommandSplitAcrossManyWrites()
    {
        final V2Connection connection = connect();
        final byte[] pub = Wire.pub(unique("t"), "split body");
        for (final byte b : pub)
        {
            connection.write(new byte[] {b});
        }

        connection.expectOk();
    }

    @Test
    void shouldIgnoreExtraParamsOnPub()
    {
        final V2Connection connection = connect();
        connection.send("PUB " + unique("t") + " extra params", Wire.ascii("x"));

        connection.expectOk();
    }

    @ParameterizedTest(name = "line of {0} bytes")
    @ValueSource(ints = {16380, 16381, 16384})
    void shouldAcceptLinesUpTo16KiBFollowedByABody(final int lineBytes)
    {
        // "PUB <topic> <padding>\n" of lineBytes bytes, newline included: it fits upstream's 16 KiB read
        // buffer; the 4-byte size and the body are read after the line, so they do not count
        final String head = "PUB " + unique("t") + " ";
        final String line = head + "x".repeat(lineBytes - head.length() - 1);
        final V2Connection connection = connect();
        connection.send(line, Wire.ascii("body"));

        connection.expectOk();
    }

    @Test
    void shouldAcceptBodylessLineOf16KiBIncludingNewline()
    {
        // NOP ignores its params; the PUB after it proves the long line was consumed whole
        final String line = "NOP " + "x".repeat(16384 - 4 - 1);
        final V2Connection connection = connect();
        connection.send(line);

        connection.publish(unique("t"), "after a long line");
    }

    @Test
    void shouldCloseWithoutErrorFrameWhenLineExceeds16KiB()
    {
        final String head = "PUB " + unique("t") + " ";
        final String line = head + "x".repeat(16385 - head.length() - 1);
        final V2Connection connection = connect();
        connection.send(line);

        connection.expectClosed();
    }

    @Test
    void shouldFrameHelloMessageWithSize35()
    {
        final String topic = unique("t");
        publish(topic, "hello");
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        final Frame frame = consumer.readFrame();
        assertEquals(Frame.TYPE_MESSAGE, frame.type(), frame::toString);
        assertEquals(35, frame.size(), "4 (type) + 8 (timestamp) + 2 (attempts) + 16 (id) + 5 (body)");
        assertEquals(31, frame.data().length);
        assertEquals("hello", Message.decode(frame).bodyText());
    }

    @Test
    void shouldFrameBinaryBodyUntouched()
    {
        final String topic = unique("t");
        final byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++)
        {
            body[i] = (byte)i;
        }
        final V2Connection producer = connect();
        producer.send("PUB " + topic, body);
        producer.expectOk();
        final V2Connection consumer = subscriber(topic, "ch");
        consumer.rdy(1);

        assertArrayEquals(body, consumer.expectMessage().body());
    }
}
