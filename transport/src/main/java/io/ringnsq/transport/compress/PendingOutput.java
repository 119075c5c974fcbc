package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * Encoded bytes waiting for the layer below: an encoder appends at the buffer's position, and
 * {@link #drainTo} hands them down in order. Bounded: an encoder that finds too little room drains
 * first, and stops taking plaintext if the layer below is full.
 */
final class PendingOutput
{
    /** Write mode: the encoded bytes not yet taken by the layer below are [0, position). */
    private final ByteBuffer buffer;

    PendingOutput(final int capacity, final boolean direct)
    {
        buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** Where an encoder appends; it must not write past the limit. */
    ByteBuffer buffer()
    {
        return buffer;
    }

    int room()
    {
        return buffer.remaining();
    }

    boolean isEmpty()
    {
        return buffer.position() == 0;
    }

    /**
     * Writes what the layer below takes now.
     *
     * @return true when nothing is left here.
     */
    boolean drainTo(final StreamLayer below) throws IOException
    {
        if (buffer.position() == 0)
        {
            return true;
        }
        buffer.flip();
        try
        {
            while (buffer.hasRemaining() && below.write(buffer) > 0)
            {
                // the layer below may take the bytes in several bites
            }
        }
        finally
        {
            buffer.compact(); // copies only what the layer below left, which is nothing while it keeps up
        }
        return buffer.position() == 0;
    }

    /** Makes {@code bytes} of room if the layer below takes enough; false when it does not. */
    boolean ensureRoom(final int bytes, final StreamLayer below) throws IOException
    {
        if (buffer.remaining() >= bytes)
        {
            return true;
        }
        drainTo(below);
        return buffer.remaining() >= bytes;
    }
}
