package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * A socket stand-in for driving a {@link TlsLayer} by hand: reads return what the test fed, writes are kept,
 * and a budget makes the "socket" full after so many bytes.
 */
final class MemoryLayer implements StreamLayer
{
    private final ByteBuffer incoming = ByteBuffer.allocate(4 << 20);
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int writeBudget = Integer.MAX_VALUE;
    private boolean ended;
    int reads;

    void feed(final byte[] bytes)
    {
        incoming.put(bytes);
    }

    /** After what was fed, the stream ends. */
    void end()
    {
        ended = true;
    }

    /** Bytes accepted from now on before writes return 0. */
    void writeBudget(final int bytes)
    {
        writeBudget = bytes;
    }

    /** What was written since the last call. */
    byte[] takeWritten()
    {
        final byte[] bytes = written.toByteArray();
        written.reset();
        return bytes;
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        reads++;
        incoming.flip();
        try
        {
            if (!incoming.hasRemaining())
            {
                return ended ? -1 : 0;
            }
            final int n = Math.min(incoming.remaining(), dst.remaining());
            final int limit = incoming.limit();
            incoming.limit(incoming.position() + n);
            dst.put(incoming);
            incoming.limit(limit);
            return n;
        }
        finally
        {
            incoming.compact();
        }
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final int n = Math.min(src.remaining(), writeBudget);
        final byte[] bytes = new byte[n];
        src.get(bytes);
        written.write(bytes, 0, n);
        if (writeBudget != Integer.MAX_VALUE)
        {
            writeBudget -= n;
        }
        return n;
    }

    @Override
    public boolean flush()
    {
        return true;
    }
}
