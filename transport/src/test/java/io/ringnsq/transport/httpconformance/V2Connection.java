package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
 * frames {@code [int32 size][int32 type][data]} with a real-time read timeout, so a broken broker fails
 * the test instead of hanging it. It never answers heartbeats by itself: tests see every frame.
 */
final class V2Connection implements AutoCloseable
{
    /** Upper bound for any frame the broker owes us; only reached when the broker is broken. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long a timer-driven frame may take after the ManualClock passed its deadline. */
    static final Duration PROMPT = Duration.ofSeconds(2);
    /** Real-time window for "nothing arrives" checks; short, since a punctual broker answers in microseconds. */
    static final Duration QUIET = Duration.ofMillis(250);
    /** An id that is never in flight (real ids carry a time part), used for FIN round trips. */
    static final String UNKNOWN_ID = "0000000000000000";
    private static final Duration MAX_QUIET = Duration.ofMillis(300);
    private static final String SYNC_TOPIC = "httpconf-sync";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private V2Connection(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = socket.getOutputStream();
    }

    /** Connects and sends the {@code "  V2"} magic. */
    static V2Connection open(final InetSocketAddress address)
    {
        final V2Connection connection = openWithoutMagic(address, 0);
        connection.write(Wire.MAGIC_V2);
        return connection;
    }

    /** Connects without sending anything; a receive buffer size &gt; 0 is set before connecting. */
    static V2Connection openWithoutMagic(final InetSocketAddress address, final int receiveBufferSize)
    {
        try
        {
            final Socket socket = new Socket();
            if (receiveBufferSize > 0)
            {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), (int)READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            return new V2Connection(socket);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot connect to nsqd at " + address, ex);
        }
    }

    /** Our side's port: the broker reports the connection as {@code 127.0.0.1:<this port>}. */
    int localPort()
    {
        return socket.getLocalPort();
    }

    // ---------------------------------------------------------------- writing

    V2Connection write(final byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("write failed (" + bytes.length + " bytes: " + Wire.escape(bytes) + ")", ex);
        }
    }

    /** Sends one command line, {@code \n} appended. */
    V2Connection send(final String line)
    {
        return write(Wire.line(line));
    }

    V2Connection send(final String line, final byte[] body)
    {
        return write(Wire.withBody(line, body));
    }

    V2Connection identify(final String json)
    {
        write(Wire.identify(json));
        return this;
    }

    V2Connection identifyOk(final String json)
    {
        identify(json);
        expectOk();
        return this;
    }

    V2Connection publish(final String topic, final String body)
    {
        write(Wire.pub(topic, body));
        expectOk();
        return this;
    }

    V2Connection subscribe(final String topic, final String channel)
    {
        send("SUB " + topic + " " + channel);
        expectOk();
        return this;
    }

    V2Connection rdy(final long count)
    {
        return send("RDY " + count);
    }

    V2Connection fin(final String id)
    {
        return send("FIN " + id);
    }

    V2Connection req(final String id, final long timeoutMs)
    {
        return send("REQ " + id + " " + timeoutMs);
    }

    V2Connection touch(final String id)
    {
        return send("TOUCH " + id);
    }

    V2Connection nop()
    {
        return send("NOP");
    }

    /**
     * Round trip through the publish path: when the {@code OK} arrives, every command sent before has
     * been executed at the current (manual) time. Works in every state.
     */
    V2Connection sync()
    {
        return publish(SYNC_TOPIC, "sync");
    }

    /**
     * Round trip through the channel's in-flight table (for subscribed or closing connections): when the
     * non-fatal {@code E_FIN_FAILED} arrives, earlier FIN/REQ/TOUCH/RDY have been applied.
     */
    V2Connection syncInFlight()
    {
        fin(UNKNOWN_ID);
        expectError("E_FIN_FAILED FIN " + UNKNOWN_ID + " failed ID not in flight");
        return this;
    }

    /** Half-closes our side (the broker then reads EOF), leaving the read side open. */
    void shutdownOutput()
    {
        try
        {
            socket.shutdownOutput();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Disconnects and waits until the broker has noticed: half-close, then read to EOF. Used where a
     * test must know the broker processed the disconnect before it goes on.
     */
    void disconnectAndAwaitClose()
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
    void abort()
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

    Frame readFrame()
    {
        return readFrame(READ_TIMEOUT);
    }

    Frame readFrame(final Duration timeout)
    {
        final Frame frame = readFrameOrNull(timeout);
        if (frame == null)
        {
            throw new AssertionError("connection closed by the server while a frame was expected");
        }
        return frame;
    }

    /** Reads one frame; null when the server closed (EOF or reset); fails on timeout. */
    private Frame readFrameOrNull(final Duration timeout)
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
            final int size = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
            assertTrue(size >= 4 && size <= 64 * 1024 * 1024, "implausible frame size " + size);
            final int type = in.readInt();
            final byte[] data = new byte[size - 4];
            in.readFully(data);
            return new Frame(size, type, data);
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
    byte[] readBytes(final int n)
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
    byte[] readUntilClosed()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try
        {
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            final InputStream raw = in;
            final byte[] chunk = new byte[4096];
            while (true)
            {
                final int n;
                try
                {
                    n = raw.read(chunk);
                }
                catch (final SocketException ex)
                {
                    return bytes.toByteArray();
                }
                if (n < 0)
                {
                    return bytes.toByteArray();
                }
                bytes.write(chunk, 0, n);
            }
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("connection still open after " + READ_TIMEOUT.toMillis() + " ms; received so far: "
                + Wire.escape(bytes.toByteArray()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    // ---------------------------------------------------------------- expectations

    void expectResponse(final String expected)
    {
        final Frame frame = readFrame();
        assertTrue(frame.isResponse(expected), "expected response '" + expected + "', got " + frame);
        assertEquals(4 + frame.data().length, frame.size(), "frame size must count the type field and the data");
    }

    void expectOk()
    {
        expectResponse("OK");
    }

    /** An error frame with exactly this text. Does not say anything about the connection afterwards. */
    void expectError(final String expected)
    {
        final Frame frame = readFrame();
        assertEquals(Frame.TYPE_ERROR, frame.type(), () -> "expected error '" + expected + "', got " + frame);
        assertEquals(expected, frame.text(), () -> "error text; frame was " + frame);
        assertEquals(4 + frame.data().length, frame.size(), "frame size must count the type field and the data");
    }

    /** A fatal error: exactly this error frame, then the server closes the connection. */
    void expectFatalError(final String expected)
    {
        expectError(expected);
        expectClosed();
    }

    /** A non-fatal error: exactly this error frame, and the connection still executes commands. */
    void expectNonFatalError(final String expected)
    {
        expectError(expected);
        nop();
        sync();
    }

    Message expectMessage()
    {
        return expectMessage(READ_TIMEOUT);
    }

    Message expectMessage(final Duration timeout)
    {
        final Frame frame = readFrame(timeout);
        assertEquals(Frame.TYPE_MESSAGE, frame.type(), () -> "expected a message, got " + frame);
        final Message message = Message.decode(frame);
        assertEquals(4 + Message.HEADER_LENGTH + message.body().length, frame.size(), "message frame size");
        return message;
    }

    List<Message> expectMessages(final int count)
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            messages.add(expectMessage());
        }
        return messages;
    }

    void expectHeartbeat(final Duration timeout)
    {
        final Frame frame = readFrame(timeout);
        assertTrue(frame.isHeartbeat(), () -> "expected _heartbeat_, got " + frame);
        assertEquals(15, frame.size(), "heartbeat frame size");
    }

    /** The server closes the connection next, without sending any frame first. */
    void expectClosed()
    {
        final Frame frame = readFrameOrNull(READ_TIMEOUT);
        if (frame != null)
        {
            throw new AssertionError("expected the server to close the connection, got " + frame);
        }
    }

    /** The server closes the connection; heartbeat frames before the close are allowed, anything else is not. */
    void expectClosedAfterOnlyHeartbeats(final Duration timeout)
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
    void expectNothing(final Duration window)
    {
        assertTrue(window.compareTo(MAX_QUIET) <= 0, "negative waits stay short");
        final int first;
        try
        {
            socket.setSoTimeout((int)window.toMillis());
            first = in.read();
        }
        catch (final SocketTimeoutException ex)
        {
            return;
        }
        catch (final SocketException ex)
        {
            throw new AssertionError("expected silence, but the server reset the connection", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (first < 0)
        {
            throw new AssertionError("expected silence, but the server closed the connection");
        }
        throw new AssertionError("expected silence, got " + readRestOfFrame(first));
    }

    void expectNothing()
    {
        expectNothing(QUIET);
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // closing a test socket twice or after a reset is fine
        }
    }
}
