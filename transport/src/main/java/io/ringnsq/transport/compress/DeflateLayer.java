package io.ringnsq.transport.compress;

import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * Raw DEFLATE (RFC 1951, no zlib header) over the layer below, as nsqd speaks it after IDENTIFY grants
 * {@code deflate}: what is written is compressed at the negotiated level and each {@link #flush()} ends
 * with a sync flush, so the peer decodes every burst at once; what is read is inflated. Buffers are
 * fixed per connection and reused; a corrupt stream makes {@link #read} throw.
 *
 * <pre>{@code
 * connection.pushLayer(DeflateLayer.factory(level));   // level 1-9, already capped at --max-deflate-level
 * }</pre>
 */
public final class DeflateLayer extends CompressedLayer
{
    /** Compressed bytes read ahead from below; the inflater's own window is zlib's 32 KiB. */
    private static final int INPUT_CAPACITY = 16 * 1024;
    /** Compressed bytes gathered before they are written down, one burst in most cycles. */
    private static final int OUTPUT_CAPACITY = 32 * 1024;

    /**
     * @param below   the layer the compressed stream travels on.
     * @param pending bytes already read from below that belong to the compressed stream.
     * @param level   compression level, 1 (fastest) to 9 (smallest).
     */
    public DeflateLayer(final StreamLayer below, final ByteBuffer pending, final int level)
    {
        super(below, checkedDecoder(level, pending), new DeflateEncoder(level, OUTPUT_CAPACITY), "deflate");
    }

    /** The level is checked before anything holds zlib memory outside the heap. */
    private static DeflateDecoder checkedDecoder(final int level, final ByteBuffer pending)
    {
        checkLevel(level);
        return new DeflateDecoder(INPUT_CAPACITY, pending);
    }

    /**
     * Makes deflate layers at {@code level}, for {@link io.ringnsq.transport.nio.Connection#pushLayer}.
     *
     * @throws IllegalArgumentException if the level is not 1-9.
     */
    public static StreamLayer.Factory factory(final int level)
    {
        checkLevel(level);
        return (below, pending) -> new DeflateLayer(below, pending, level);
    }

    private static void checkLevel(final int level)
    {
        if (level < 1 || level > 9)
        {
            throw new IllegalArgumentException("deflate level must be 1-9: " + level);
        }
    }
}
