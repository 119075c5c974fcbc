package io.ringnsq.transport.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw-socket V2 client for conformance tests: it writes exactly the bytes a test gives it and reads
 * frames with a real-time read timeout, so a broken broker fails the test instead of hanging it.
 */
public final class V2Connection extends FrameClient<V2Connection>
{
    /** How long a timer-driven frame may take after the ManualClock passed its deadline. */
    public static final Duration PROMPT = Duration.ofSeconds(2);
    /** Real-time window for "nothing arrives" checks; short, since a punctual broker answers in microseconds. */
    public static final Duration QUIET = Duration.ofMillis(250);
    /** An id that is never in flight (real ids carry a time part), used for FIN round trips. */
    public static final String UNKNOWN_ID = "0000000000000000";
    private static final String SYNC_TOPIC = "conformance-sync";

    private final DataInputStream in;
    private final OutputStream out;

    private V2Connection(final Socket socket)
    {
        super(socket);
        this.in = new DataInputStream(new BufferedInputStream(inputOf(socket), 64 * 1024));
        this.out = outputOf(socket);
    }

    /** Connects and sends the {@code "  V2"} magic. */
    public static V2Connection open(final InetSocketAddress address)
    {
        final V2Connection connection = openWithoutMagic(address, 0);
        connection.write(Wire.MAGIC_V2);
        return connection;
    }

    /** Connects without sending anything; a receive buffer size &gt; 0 is set before connecting. */
    public static V2Connection openWithoutMagic(final InetSocketAddress address, final int receiveBufferSize)
    {
        return new V2Connection(connect(address.getPort(), receiveBufferSize));
    }

    @Override
    protected V2Connection self()
    {
        return this;
    }

    @Override
    protected OutputStream output()
    {
        return out;
    }

    // ---------------------------------------------------------------- writing

    public V2Connection identify(final String json)
    {
        return write(Wire.identify(json));
    }

    public V2Connection identifyOk(final String json)
    {
        identify(json);
        expectOk();
        return this;
    }

    public V2Connection rdy(final long count)
    {
        return send("RDY " + count);
    }

    public V2Connection fin(final String id)
    {
        return send("FIN " + id);
    }

    public V2Connection req(final String id, final long timeoutMs)
    {
        return send("REQ " + id + " " + timeoutMs);
    }

    public V2Connection touch(final String id)
    {
        return send("TOUCH " + id);
    }

    public V2Connection nop()
    {
        return send("NOP");
    }

    /**
     * Round trip through the publish path: when the {@code OK} arrives, every command sent before has
     * been executed at the current (manual) time. Works in every state.
     */
    public V2Connection sync()
    {
        return publish(SYNC_TOPIC, "sync");
    }

    /**
     * Round trip through the channel's in-flight table (for subscribed or closing connections): when the
     * non-fatal {@code E_FIN_FAILED} arrives, earlier FIN/REQ/TOUCH/RDY have been applied.
     */
    public V2Connection syncInFlight()
    {
        fin(UNKNOWN_ID);
        expectError("E_FIN_FAILED FIN " + UNKNOWN_ID + " failed ID not in flight");
        return this;
    }

    /**
     * Disconnects and waits until the broker has noticed: half-close, then read to EOF. Used where a
     * test must know the broker processed the disconnect before it goes on.
     */
    public void disconnectAndAwaitClose()
    {
        shutdownOutput();
        final List<Frame> frames = new ArrayList<>();
        while (true)
        {
            final Frame frame = readFrameOrNull(READ_TIMEOUT);
            if (frame == null)
            {
                close();
                return;
            }
            frames.add(frame);
            assertTrue(frames.size() < 10_000, "the broker kept sending after our half-close");
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0) instead of a FIN, as a crashed client would. */
    public void abort()
    {
        try
        {
            socket.setSoLinger(true, 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        close();
    }

    // ---------------------------------------------------------------- reading

    /** Reads one frame; null when the server closed (EOF or reset); fails on timeout. */
    @Override
    protected Frame readFrameOrNull(final Duration timeout)
    {
        final int first = readFirstByte(timeout);
        if (first < 0)
        {
            return null;
        }
        return readRestOfFrame(first);
    }

    /** -1 on EOF or reset; throws AssertionError on timeout. */
    private int readFirstByte(final Duration timeout)
    {
        try
        {
            socket.setSoTimeout((int)timeout.toMillis());
            return in.read();
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("nothing from the server within " + timeout.toMillis() + " ms (real time): no frame and no close");
        }
        catch (final SocketException ex)
        {
            // a reset after a fatal error is a close too: the broker dropped the connection
            return -1;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Frame readRestOfFrame(final int first)
    {
        try
        {
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            return Frame.readAfter(first, in);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("incomplete frame: the server stopped in the middle of it", ex);
        }
        catch (final EOFException ex)
        {
            throw new AssertionError("incomplete frame: the server closed in the middle of it", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Reads exactly n raw bytes (for byte-exact checks). */
    public byte[] readBytes(final int n)
    {
        try
        {
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            final byte[] bytes = new byte[n];
            in.readFully(bytes);
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("could not read " + n + " raw bytes", ex);
        }
    }

    /** Reads raw bytes until the server closes; fails if it stays open. */
    public byte[] readUntilClosed()
    {
        return readToClose(in, new ByteArrayOutputStream());
    }

    // ---------------------------------------------------------------- expectations

    /** A non-fatal error: exactly this error frame, and the connection still executes commands. */
    public void expectNonFatalError(final String expected)
    {
        expectError(expected);
        nop();
        sync();
    }

    public Message expectMessage()
    {
        return expectMessage(READ_TIMEOUT);
    }

    public Message expectMessage(final Duration timeout)
    {
        final Frame frame = readFrame(timeout);
        assertEquals(Frame.TYPE_MESSAGE, frame.type(), () -> "expected a message, got " + frame);
        final Message message = Message.decode(frame);
        assertEquals(4 + Message.HEADER_LENGTH + message.body().length, frame.size(), "message frame size");
        return message;
    }

    public List<Message> expectMessages(final int count)
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            messages.add(expectMessage());
        }
        return messages;
    }

    public void expectHeartbeat(final Duration timeout)
    {
        final Frame frame = readFrame(timeout);
        assertTrue(frame.isHeartbeat(), () -> "expected _heartbeat_, got " + frame);
        assertEquals(15, frame.size(), "heartbeat frame size");
    }

    /** The server closes the connection; heartbeat frames before the close are allowed, anything else is not. */
    public void expectClosedAfterOnlyHeartbeats(final Duration timeout)
    {
        while (true)
        {
            final Frame frame = readFrameOrNull(timeout);
            if (frame == null)
            {
                return;
            }
            if (!frame.isHeartbeat())
            {
                throw new AssertionError("expected the server to close the connection (no error frame), got " + frame);
            }
        }
    }

    /**
     * Nothing (neither a frame nor a close) arrives within a short real-time window. Only for negative
     * checks: a punctual broker would have answered well within it.
     */
    public void expectNothing(final Duration window)
    {
        expectSilence(socket, in, window, first -> readRestOfFrame(first).toString());
    }

    public void expectNothing()
    {
        expectNothing(QUIET);
    }
}
