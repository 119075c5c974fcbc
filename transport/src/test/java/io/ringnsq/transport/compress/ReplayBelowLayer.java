package io.ringnsq.transport.compress;

import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * A socket stand-in that allocates nothing: reads serve {@code prefix} once, then {@code loop} over and
 * over; writes are counted and dropped. For allocation and throughput measurements.
 */
final class ReplayBelowLayer implements StreamLayer
{
    private final ByteBuffer prefix;
    private final ByteBuffer loop;
    private long written;

    ReplayBelowLayer(final byte[] prefix, final byte[] loop)
    {
        this.prefix = ByteBuffer.wrap(prefix.clone());
        this.loop = ByteBuffer.wrap(loop.clone());
    }

    /** Only drops what is written. */
    ReplayBelowLayer()
    {
        this(new byte[0], new byte[0]);
    }

    long written()
    {
        return written;
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        final ByteBuffer from = prefix.hasRemaining() ? prefix : loop;
        if (!from.hasRemaining())
        {
            if (from.capacity() == 0)
            {
                return 0;
            }
            from.clear();
        }
        final int n = Math.min(dst.remaining(), from.remaining());
        final int limit = from.limit();
        from.limit(from.position() + n);
        dst.put(from);
        from.limit(limit);
        return n;
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final int n = src.remaining();
        src.position(src.limit());
        written += n;
        return n;
    }

    @Override
    public boolean flush()
    {
        return true;
    }
}
