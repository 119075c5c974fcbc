package io.ringnsq.transport.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * A test client on one loopback TCP socket: it writes exactly the bytes a test gives it, and every read has a
 * real-time limit, so a broken server fails the test instead of hanging it. Subclasses read what their protocol
 * sends.
 *
 * @param <C> the subclass, returned by the chainable methods
 */
public abstract class SocketClient<C extends SocketClient<C>> implements AutoCloseable
{
    /** Upper bound for anything the server owes us; only reached when the server is broken. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** The longest "nothing arrives" window: a punctual server answers in microseconds. */
    private static final Duration MAX_QUIET = Duration.ofMillis(300);

    protected final Socket socket;

    protected SocketClient(final Socket socket)
    {
        this.socket = socket;
    }

    /** Connects to 127.0.0.1:port with TCP_NODELAY and the read timeout; a receive buffer size &gt; 0 is set first. */
    protected static Socket connect(final int port, final int receiveBufferSize)
    {
        try
        {
            final Socket socket = new Socket();
            if (receiveBufferSize > 0)
            {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int)READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            return socket;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, ex);
        }
    }

    /** The socket's input stream (a socket that has connected always has one). */
    protected static InputStream inputOf(final Socket socket)
    {
        try
        {
            return socket.getInputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The socket's output stream. */
    protected static OutputStream outputOf(final Socket socket)
    {
        try
        {
            return socket.getOutputStream();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    protected abstract C self();

    /** Where {@link #write} sends bytes: the socket's stream, or the top of a stack of layers over it. */
    protected abstract OutputStream output();

    /** Writes and flushes. */
    public C write(final byte[] bytes)
    {
        return writeTo(output(), bytes);
    }

    protected final C writeTo(final OutputStream out, final byte[] bytes)
    {
        try
        {
            out.write(bytes);
            out.flush();
            return self();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("write failed (" + bytes.length + " bytes: " + Wire.escape(bytes) + ")", ex);
        }
    }

    /** Our side's port: the server reports the connection as {@code 127.0.0.1:<this port>}. */
    public int localPort()
    {
        return socket.getLocalPort();
    }

    /** Half-closes our side (the server then reads EOF), leaving the read side open. */
    public void shutdownOutput()
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
     * Reads {@code in} until the server closes the connection (EOF, or a reset), copying into {@code into};
     * fails if the connection is still open after {@link #READ_TIMEOUT}.
     */
    protected final byte[] readToClose(final InputStream in, final ByteArrayOutputStream into)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        try
        {
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            for (int n; (n = in.read(chunk)) >= 0;)
            {
                bytes.write(chunk, 0, n);
                into.write(chunk, 0, n);
            }
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("connection still open after " + READ_TIMEOUT.toMillis() + " ms (real time); received: '"
                + Wire.escape(into.toByteArray()) + "'");
        }
        catch (final IOException ex)
        {
            // a reset is a close too: the server dropped the connection
        }
        return bytes.toByteArray();
    }

    /**
     * Nothing (no byte and no close) arrives on {@code in} within a short real-time window, {@code from} being the
     * socket whose timeout governs it. Only for negative checks: a server that owed us something would have sent it
     * well within the window. {@code arrived} describes what came instead, from its first byte.
     */
    protected static void expectSilence(final Socket from, final InputStream in, final Duration window,
        final IntFunction<String> arrived)
    {
        assertTrue(window.compareTo(MAX_QUIET) <= 0, "negative waits stay short");
        final int first;
        try
        {
            from.setSoTimeout((int)window.toMillis());
            first = in.read();
        }
        catch (final SocketTimeoutException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("expected silence, but the connection failed: " + ex, ex);
        }
        if (first < 0)
        {
            throw new AssertionError("expected silence, but the server closed the connection");
        }
        throw new AssertionError("expected silence, got " + arrived.apply(first));
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
