package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * The Snappy framing format over the layer below, as nsqd speaks it after IDENTIFY grants {@code snappy}:
 * this side sends the stream identifier first, then one chunk per 64 KiB block or per {@link #flush()},
 * compressed with aircompressor's pure-Java Snappy and checked with CRC-32C; it reads what Go's
 * {@code snappy} package and node's {@code snappystream} send, decoding blocks with {@code SnappyBlockDecoder}.
 * A malformed stream makes {@link #read} throw. Buffers, fixed per connection as in Go's reader and writer:
 * about 140 KiB each way.
 *
 * <pre>{@code
 * connection.pushLayer(SnappyLayer.factory());
 * }</pre>
 */
public final class SnappyLayer implements StreamLayer
{
    private static final StreamLayer.Factory FACTORY = SnappyLayer::new;

    private final StreamLayer below;
    private final SnappyDecoder decoder;
    private final SnappyEncoder encoder = new SnappyEncoder();
    private boolean closed;

    /**
     * @param below   the layer the framed stream travels on.
     * @param pending bytes already read from below that belong to the framed stream.
     */
    public SnappyLayer(final StreamLayer below, final ByteBuffer pending)
    {
        this.below = below;
        this.decoder = new SnappyDecoder(pending);
    }

    /** Makes snappy layers, for {@link io.ringnsq.transport.nio.Connection#pushLayer}. */
    public static StreamLayer.Factory factory()
    {
        return FACTORY;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        ensureOpen();
        return decoder.read(dst, below);
    }

    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        ensureOpen();
        return encoder.write(src, below);
    }

    @Override
    public boolean flush() throws IOException
    {
        ensureOpen();
        boolean drained = encoder.flush(below);
        boolean belowDrained = below.flush();
        if (!drained && belowDrained)
        {
            // the layer below (TLS) made room by flushing: it may take the rest now
            drained = encoder.flush(below);
            belowDrained = below.flush();
        }
        return drained && belowDrained;
    }

    @Override
    public boolean hasBufferedInput()
    {
        return !closed && (decoder.hasBufferedInput() || below.hasBufferedInput());
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            below.close();
        }
    }

    private void ensureOpen() throws IOException
    {
        if (closed)
        {
            throw new IOException("snappy layer closed");
        }
    }
}
