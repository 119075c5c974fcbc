package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * Encoded bytes read from the layer below and not yet decoded, in one buffer allocated once.
 * A decoder reads them from {@link #buffer()} and asks for more with {@link #fill} only once what is
 * here is not enough, so the layer below is read no faster than the decoder's output is consumed.
 */
final class BelowInput
{
    /** Read mode: the undecoded bytes are [position, limit). */
    private final ByteBuffer buffer;
    private boolean ended;

    /**
     * @param capacity bytes held at most (more if {@code pending} is larger).
     * @param pending  bytes already read from below before this layer existed; they come first.
     */
    BelowInput(final int capacity, final ByteBuffer pending, final boolean direct)
    {
        final int size = Math.max(capacity, pending.remaining());
        buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        buffer.put(pending).flip();
    }

    ByteBuffer buffer()
    {
        return buffer;
    }

    boolean hasRemaining()
    {
        return buffer.hasRemaining();
    }

    /** The layer below reported the end of its stream: what is here is all there will be. */
    boolean ended()
    {
        return ended;
    }

    /**
     * Moves the undecoded bytes to the front and reads from below after them.
     *
     * @return bytes added, 0 when none are available now (or there is no room), -1 at the end of the stream.
     */
    int fill(final StreamLayer below) throws IOException
    {
        if (ended)
        {
            return -1;
        }
        buffer.compact();
        final int n;
        try
        {
            n = buffer.hasRemaining() ? below.read(buffer) : 0;
        }
        finally
        {
            buffer.flip();
        }
        if (n < 0)
        {
            ended = true;
        }
        return n;
    }
}
