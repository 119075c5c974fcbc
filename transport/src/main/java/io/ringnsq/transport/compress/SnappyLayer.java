package io.ringnsq.transport.compress;

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
public final class SnappyLayer extends CompressedLayer
{
    private static final StreamLayer.Factory FACTORY = SnappyLayer::new;

    /**
     * @param below   the layer the framed stream travels on.
     * @param pending bytes already read from below that belong to the framed stream.
     */
    public SnappyLayer(final StreamLayer below, final ByteBuffer pending)
    {
        super(below, new SnappyDecoder(pending), new SnappyEncoder(), "snappy");
    }

    /** Makes snappy layers, for {@link io.ringnsq.transport.nio.Connection#pushLayer}. */
    public static StreamLayer.Factory factory()
    {
        return FACTORY;
    }
}
