package io.ringnsq.transport.v2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ringnsq.transport.compress.DeflateLayer;
import io.ringnsq.transport.compress.SnappyLayer;
import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.StreamLayer;
import io.ringnsq.transport.tls.TlsLayer;
import io.ringnsq.transport.tls.TlsSessionInfo;

/**
 * The upgrades a V2 connection negotiated in IDENTIFY, performed in upstream's order (spec §1.9):
 * the JSON response in plaintext, then the TLS handshake and an {@code OK} over TLS, then snappy or
 * deflate and an {@code OK} through it. Until it is done the handler decodes nothing: the client
 * sends nothing before the last {@code OK}, and what arrives belongs to the new layers.
 */
final class V2Upgrades implements TlsLayer.HandshakeListener
{
    static final int NO_COMPRESSION = 0;
    static final int DEFLATE = 1;
    static final int SNAPPY = 2;
    /** Upstream's TLS handshake deadline. */
    private static final long HANDSHAKE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final V2Features features;
    private final Connection connection;
    private final Runnable onDone;
    private boolean tls;
    private int compression;
    private int deflateLevel;
    private boolean inProgress;
    private boolean handshaking;
    private long handshakeDeadline;
    private TlsSessionInfo session;

    V2Upgrades(final V2Features features, final Connection connection, final Runnable onDone)
    {
        this.features = features;
        this.connection = connection;
        this.onDone = onDone;
    }

    /** What IDENTIFY granted; from here until {@link #inProgress()} turns false nothing is decoded. */
    void plan(final boolean tls, final int compression, final int deflateLevel)
    {
        this.tls = tls;
        this.compression = compression;
        this.deflateLevel = deflateLevel;
        this.inProgress = tls || compression != NO_COMPRESSION;
    }

    boolean inProgress()
    {
        return inProgress;
    }

    /** The IDENTIFY response has been written in plaintext: flush it, then begin. */
    void start() throws IOException
    {
        if (!inProgress)
        {
            return;
        }
        flushOrFail();
        if (tls)
        {
            handshaking = true;
            handshakeDeadline = connection.now() + HANDSHAKE_TIMEOUT_NS;
            connection.pushLayer(features.tls.layerFor(connection, this));
        }
        else
        {
            compress();
        }
    }

    @Override
    public void onHandshakeComplete(final TlsLayer layer)
    {
        session = layer.session();
        handshaking = false;
        try
        {
            V2Frames.frame(connection, V2Frames.FRAME_RESPONSE, V2Frames.OK);
            if (compression == NO_COMPRESSION)
            {
                done();
            }
            else
            {
                flushOrFail();
                compress();
            }
        }
        catch (final IOException ex)
        {
            connection.close();
        }
    }

    /**
     * The client asked for TLS and then sent what Go's TLS server refuses at once (plaintext, an SSLv2 hello):
     * upstream's IDENTIFY fails with Go's error, and nsqd writes the fatal error on the connection that is still
     * plain, then closes it.
     */
    @Override
    public void onFirstRecordRefused(final StreamLayer plain, final String goError) throws IOException
    {
        handshaking = false;
        final byte[] text = ("E_IDENTIFY_FAILED IDENTIFY failed " + goError).getBytes(StandardCharsets.UTF_8);
        final ByteBuffer frame = ByteBuffer.allocate(8 + text.length);
        frame.putInt(4 + text.length).putInt(V2Frames.FRAME_ERROR).put(text).flip();
        while (frame.hasRemaining() && plain.write(frame) > 0)
        {
            // a few dozen bytes into a socket that has sent nothing back yet: taken at once
        }
    }

    /** Upstream gives the handshake 5 seconds. */
    boolean handshakeOverdue(final long now)
    {
        return handshaking && now - handshakeDeadline >= 0;
    }

    /** When the next deadline of the upgrade falls, for the connection's timer; Long.MAX_VALUE for none. */
    long deadline()
    {
        return handshaking ? handshakeDeadline : Long.MAX_VALUE;
    }

    boolean tlsActive()
    {
        return session != null;
    }

    /** The TLS session once established; null before. */
    TlsSessionInfo session()
    {
        return session;
    }

    boolean deflateActive()
    {
        return !inProgress && compression == DEFLATE;
    }

    boolean snappyActive()
    {
        return !inProgress && compression == SNAPPY;
    }

    private void compress() throws IOException
    {
        connection.pushLayer(compression == DEFLATE ? DeflateLayer.factory(deflateLevel) : SnappyLayer.factory());
        V2Frames.frame(connection, V2Frames.FRAME_RESPONSE, V2Frames.OK);
        done();
    }

    private void done()
    {
        inProgress = false;
        connection.markDirty();
        onDone.run();
    }

    /** A layer goes on only over empty output: what was written before belongs to the old layering. */
    private void flushOrFail() throws IOException
    {
        if (!connection.flushNow())
        {
            // a few hundred bytes into an idle socket: only a peer that stopped reading gets here
            throw new IOException("output not flushed before an upgrade");
        }
    }
}
