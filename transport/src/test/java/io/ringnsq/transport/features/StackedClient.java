package io.ringnsq.transport.features;

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
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.FrameClient;
import io.ringnsq.transport.testsupport.Message;
import io.ringnsq.transport.testsupport.Wire;

/**
 * A V2 client built as a stack of layers, as real clients are: the TCP socket, then (after IDENTIFY) TLS with the
 * JDK's {@link SSLSocket} layered on that socket, then raw deflate ({@link Inflater}/{@link Deflater} with
 * {@code nowrap} and sync flush) or framed snappy (snappy-java's framed streams). Frames are read from the top of the
 * stack; {@link #writeBelowCompression} writes under the compression layer, to feed nsqd a corrupt stream. Reads
 * have a real-time limit so a broken broker fails the test instead of hanging it. Nothing is read ahead of what a
 * frame needs until {@link #bufferReads()}, so no byte of the next layer is swallowed by the one below.
 */
final class StackedClient extends FrameClient<StackedClient>
{
    private static final int DEFAULT_DEFLATE_LEVEL = 6;

    private SSLSocket tls;
    private InputStream in;
    private OutputStream out;
    private InputStream belowCompressionIn;
    private OutputStream belowCompressionOut;
    private DataInputStream data;
    private final List<String> layers = new ArrayList<>(List.of("tcp"));

    private StackedClient(final Socket socket)
    {
        super(socket);
        setStreams(inputOf(socket), outputOf(socket));
    }

    /** Connects to 127.0.0.1:port and sends the {@code "  V2"} magic. */
    static StackedClient connect(final int port)
    {
        final StackedClient client = connectWithoutMagic(port);
        client.write(Wire.MAGIC_V2);
        return client;
    }

    static StackedClient connectWithoutMagic(final int port)
    {
        return new StackedClient(connect(port, 0));
    }

    @Override
    protected StackedClient self()
    {
        return this;
    }

    /** The top of the stack: {@link #write} goes through every layer (a sync flush for deflate, a chunk for snappy). */
    @Override
    protected OutputStream output()
    {
        return out;
    }

    @Override
    protected String state()
    {
        return " (layers " + layers + ")";
    }

    private void setStreams(final InputStream newIn, final OutputStream newOut)
    {
        in = newIn;
        out = newOut;
        data = new DataInputStream(in);
    }

    /** The layers so far, bottom first: {@code tcp}, {@code tls}, {@code deflate} or {@code snappy}. */
    List<String> layers()
    {
        return List.copyOf(layers);
    }

    // ---------------------------------------------------------------- upgrades

    /**
     * Sends IDENTIFY with this JSON and reads the answer; then, as the broker's JSON response grants them, does the
     * upgrades in upstream's order (TLS, then snappy or deflate), each followed by its {@code OK}, which is checked.
     * Returns the IDENTIFY response frame (an {@code OK} response, the JSON, or an error).
     */
    Frame identifyAndUpgrade(final String json, final SSLContext tlsContext, final int deflateLevel)
    {
        final Frame response = identify(json);
        if (response.type() != Frame.TYPE_RESPONSE || !response.text().startsWith("{"))
        {
            return response;
        }
        final Negotiated negotiated = Negotiated.of(response.text());
        if (negotiated.tls())
        {
            startTls(tlsContext);
            expectOk();
        }
        if (negotiated.snappy())
        {
            startSnappy();
            expectOk();
        }
        if (negotiated.deflate())
        {
            startDeflate(deflateLevel > 0 ? deflateLevel : DEFAULT_DEFLATE_LEVEL);
            expectOk();
        }
        return response;
    }

    /** Sends IDENTIFY with this JSON and returns nsqd's answer; no upgrade is started. */
    Frame identify(final String json)
    {
        write(Wire.identify(json));
        return readFrame();
    }

    /** The TLS handshake over the plain socket; throws when it fails. */
    void startTls(final SSLContext context)
    {
        startTls(context, null, null);
    }

    /** The TLS handshake with only these protocol versions and cipher suites enabled (null: the JDK's defaults). */
    void startTls(final SSLContext context, final String[] protocols, final String[] cipherSuites)
    {
        try
        {
            tls = (SSLSocket)context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setUseClientMode(true);
            if (protocols != null)
            {
                tls.setEnabledProtocols(protocols);
            }
            if (cipherSuites != null)
            {
                tls.setEnabledCipherSuites(cipherSuites);
            }
            tls.setSoTimeout((int)READ_TIMEOUT.toMillis());
            tls.startHandshake();
            setStreams(tls.getInputStream(), tls.getOutputStream());
            layers.add("tls");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("TLS handshake failed", ex);
        }
    }

    /**
     * The TLS handshake and the {@code OK} after it, for a test that expects nsqd to refuse the client: null when both
     * succeeded, else how it failed (the handshake, or the connection closed or failed instead of the {@code OK}; with
     * TLS 1.3 a refused client certificate surfaces only at the first read).
     */
    String tlsFailure(final SSLContext context)
    {
        try
        {
            startTls(context);
        }
        catch (final UncheckedIOException ex)
        {
            return "handshake failed: " + ex.getCause();
        }
        try
        {
            top().setSoTimeout((int)READ_TIMEOUT.toMillis());
            final int first = data.read();
            if (first < 0)
            {
                return "closed by nsqd after the handshake, no OK";
            }
            final byte[] rest = new byte[9];
            data.readFully(rest);
            final byte[] frame = Wire.concat(new byte[] {(byte)first}, rest);
            if (Arrays.equals(frame, Wire.frame(Frame.TYPE_RESPONSE, Wire.ascii("OK"))))
            {
                return null;
            }
            throw new AssertionError("after the handshake, expected OK or a failure, got " + Wire.escape(frame));
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("nothing from nsqd within " + READ_TIMEOUT.toMillis() + " ms after the handshake", ex);
        }
        catch (final IOException ex)
        {
            return "connection failed after the handshake: " + ex;
        }
    }

    SSLSession tlsSession()
    {
        return tls == null ? null : tls.getSession();
    }

    /** Raw deflate both ways from here on, at this level for what we send. */
    void startDeflate(final int level)
    {
        belowCompressionIn = in;
        belowCompressionOut = out;
        setStreams(new InflaterInputStream(belowCompressionIn, new Inflater(true), 16 * 1024),
            new DeflaterOutputStream(belowCompressionOut, new Deflater(level, true), 16 * 1024, true));
        layers.add("deflate");
    }

    /** Framed snappy both ways from here on. Reads the broker's stream identifier. */
    void startSnappy()
    {
        try
        {
            belowCompressionIn = in;
            belowCompressionOut = out;
            final OutputStream snappyOut = new SnappyFramedOutputStream(belowCompressionOut);
            setStreams(new SnappyFramedInputStream(belowCompressionIn, true), snappyOut);
            layers.add("snappy");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snappy stream start failed", ex);
        }
    }

    /** From here on reads go through a buffer: only once the layers are final. */
    StackedClient bufferReads()
    {
        setStreams(new BufferedInputStream(in, 64 * 1024), out);
        return this;
    }

    // ---------------------------------------------------------------- writing

    /** Writes under the compression layer (through TLS if it is on): bytes the decompressor will see as they are. */
    StackedClient writeBelowCompression(final byte[] bytes)
    {
        assertTrue(belowCompressionOut != null, "no compression layer");
        return writeTo(belowCompressionOut, bytes);
    }

    /** Writes on the plain socket, under every layer. */
    StackedClient writeRaw(final byte[] bytes)
    {
        return writeTo(outputOf(socket), bytes);
    }

    // ---------------------------------------------------------------- reading

    /** One frame; null when nsqd closed the connection (EOF, reset, or the end of a layer's stream). */
    @Override
    protected Frame readFrameOrNull(final Duration timeout)
    {
        try
        {
            top().setSoTimeout((int)timeout.toMillis());
            final int first = data.read();
            if (first < 0)
            {
                return null;
            }
            top().setSoTimeout((int)READ_TIMEOUT.toMillis());
            return Frame.readAfter(first, data);
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("nothing from nsqd within " + timeout.toMillis() + " ms (real time): no frame and no close"
                + " (layers " + layers + ")", ex);
        }
        catch (final EOFException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            // a reset, a TLS alert, the end of a compressed stream: nsqd dropped the connection
            return null;
        }
    }

    /**
     * The next frame if one begins within {@code window} (real time), else null. Only between frames: a timeout before
     * the first byte leaves every layer intact. Fails when nsqd closes the connection.
     */
    Frame pollFrame(final Duration window)
    {
        final int first;
        try
        {
            top().setSoTimeout((int)window.toMillis());
            first = data.read();
        }
        catch (final SocketTimeoutException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            throw new AssertionError("the connection failed while polling for a frame (layers " + layers + ")", ex);
        }
        if (first < 0)
        {
            throw new AssertionError("nsqd closed the connection while polling for a frame (layers " + layers + ")");
        }
        try
        {
            top().setSoTimeout((int)READ_TIMEOUT.toMillis());
            return Frame.readAfter(first, data);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("incomplete frame (layers " + layers + ")", ex);
        }
    }

    private Socket top()
    {
        return tls != null ? tls : socket;
    }

    Message expectMessage()
    {
        final Frame frame = readFrame();
        assertTrue(frame.isMessage(), () -> "expected a message, got " + frame);
        return Message.decode(frame);
    }

    /** A PUB's OK and a message, in either order (a message may overtake the OK or not). */
    Message expectOkAndMessage()
    {
        Message message = null;
        boolean ok = false;
        for (int i = 0; i < 2; i++)
        {
            final Frame frame = readFrame();
            if (frame.isResponse("OK") && !ok)
            {
                ok = true;
            }
            else if (frame.isMessage() && message == null)
            {
                message = Message.decode(frame);
            }
            else
            {
                throw new AssertionError("expected a PUB's OK and one message, got " + frame);
            }
        }
        return message;
    }

    /**
     * Subscribes to a fresh channel of {@code topic}, publishes {@code body} on this same connection, receives it,
     * FINs it, and proves the FIN was processed: a round trip through every layer of the stack, both ways.
     */
    void roundTrip(final String topic, final String body)
    {
        subscribe(topic, "ch");
        send("RDY 1");
        write(Wire.pub(topic, body));
        final Message message = expectOkAndMessage();
        assertEquals(body, message.bodyText(), "the body came back through the stack unchanged");
        assertEquals(1, message.attempts());
        send("FIN " + message.id());
        send("FIN 0000000000000000");
        expectError("E_FIN_FAILED FIN 0000000000000000 failed ID not in flight");
    }

    /**
     * Reads the plain socket (under every layer) until nsqd closes it; returns what came before the close. Fails if
     * the connection is still open after {@link #READ_TIMEOUT}.
     */
    byte[] readRawUntilClosed()
    {
        return readToClose(inputOf(socket), new ByteArrayOutputStream());
    }

    /**
     * Nothing arrives on the plain socket (no byte and no close) within a short real-time window. Reads under every
     * layer and may only be used where the test would end the connection anyway or knows nothing is owed.
     */
    void expectRawSilence(final Duration window)
    {
        expectSilence(socket, inputOf(socket), window, first -> "byte " + first + " from nsqd");
    }

    /** Nothing arrives at the top of the stack within a short window (only between frames). */
    void expectNothing(final Duration window)
    {
        expectSilence(top(), data, window, first -> "the start of a frame (byte " + first + ")");
    }

    /** What an IDENTIFY JSON response granted. */
    record Negotiated(boolean tls, boolean deflate, boolean snappy)
    {
        static Negotiated of(final String json)
        {
            final var map = Json.object(json);
            return new Negotiated(Boolean.TRUE.equals(map.get("tls_v1")), Boolean.TRUE.equals(map.get("deflate")),
                Boolean.TRUE.equals(map.get("snappy")));
        }
    }
}
