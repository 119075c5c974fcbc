package io.ringnsq.transport.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;

/**
 * A V2 client for tests: commands out, frames {@code [int32 size][int32 type][data]} in, and the expectations
 * tests put on them. Subclasses say how a frame is read (off the socket, or off the top of a stack of layers).
 * It never answers heartbeats by itself: tests see every frame.
 *
 * @param <C> the subclass, returned by the chainable methods
 */
public abstract class FrameClient<C extends FrameClient<C>> extends SocketClient<C>
{
    protected FrameClient(final Socket socket)
    {
        super(socket);
    }

    /** One frame; null when the server closed the connection; fails when nothing comes within {@code timeout}. */
    protected abstract Frame readFrameOrNull(Duration timeout);

    /** Appended to failure messages: what else helps to read them (empty, or the client's layers). */
    protected String state()
    {
        return "";
    }

    // ---------------------------------------------------------------- writing

    /** Sends one command line, {@code \n} appended. */
    public C send(final String line)
    {
        return write(Wire.line(line));
    }

    public C send(final String line, final byte[] body)
    {
        return write(Wire.withBody(line, body));
    }

    /** PUB, answered OK. */
    public C publish(final String topic, final String body)
    {
        write(Wire.pub(topic, body));
        expectOk();
        return self();
    }

    /** SUB, answered OK. */
    public C subscribe(final String topic, final String channel)
    {
        send("SUB " + topic + " " + channel);
        expectOk();
        return self();
    }

    // ---------------------------------------------------------------- reading

    public Frame readFrame()
    {
        return readFrame(READ_TIMEOUT);
    }

    public Frame readFrame(final Duration timeout)
    {
        final Frame frame = readFrameOrNull(timeout);
        if (frame == null)
        {
            throw new AssertionError("connection closed by the server while a frame was expected" + state());
        }
        return frame;
    }

    // ---------------------------------------------------------------- expectations

    public void expectResponse(final String expected)
    {
        final Frame frame = readFrame();
        assertTrue(frame.isResponse(expected), () -> "expected response '" + expected + "', got " + frame + state());
        assertEquals(4 + frame.data().length, frame.size(), "frame size must count the type field and the data");
    }

    public void expectOk()
    {
        expectResponse("OK");
    }

    /** An error frame with exactly this text. Does not say anything about the connection afterwards. */
    public void expectError(final String expected)
    {
        final Frame frame = readFrame();
        assertEquals(Frame.TYPE_ERROR, frame.type(), () -> "expected error '" + expected + "', got " + frame + state());
        assertEquals(expected, frame.text(), () -> "error text; frame was " + frame);
        assertEquals(4 + frame.data().length, frame.size(), "frame size must count the type field and the data");
    }

    /** A fatal error: exactly this error frame, then the server closes the connection. */
    public void expectFatalError(final String expected)
    {
        expectError(expected);
        expectClosed();
    }

    /** The server closes the connection next, without sending any frame first. */
    public void expectClosed()
    {
        final Frame frame = readFrameOrNull(READ_TIMEOUT);
        if (frame != null)
        {
            throw new AssertionError("expected the server to close the connection, got " + frame + state());
        }
    }
}
