package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * The sending half of {@link DeflateLayer}: compresses plaintext into raw DEFLATE and ends each burst
 * with a sync flush, so the peer can decode everything sent so far (Go's {@code flate.Writer.Flush},
 * which nsqd calls after each write burst).
 */
final class DeflateEncoder implements CompressedLayer.Encoder
{
    /** What the deflater reads between calls, so it never keeps a caller's buffer that may change. */
    private static final byte[] NO_INPUT = new byte[0];

    private final Deflater deflater;
    private final PendingOutput pending;
    /** Plaintext was taken since the last completed sync flush. */
    private boolean unsynced;
    /** A sync flush began but its output did not all fit: it must complete before more plaintext. */
    private boolean syncing;

    DeflateEncoder(final int level, final int capacity)
    {
        deflater = new Deflater(level, true);
        // direct: the socket writes it without a copy into a temporary direct buffer
        pending = new PendingOutput(capacity, true);
    }

    /** Compresses from {@code src} as much as fits; the output goes down as the buffer fills. */
    @Override
    public int write(final ByteBuffer src, final StreamLayer below) throws IOException
    {
        if (syncing || !src.hasRemaining())
        {
            return 0;
        }
        final ByteBuffer out = pending.buffer();
        final int start = src.position();
        deflater.setInput(src);
        try
        {
            while (src.hasRemaining())
            {
                if (!out.hasRemaining() && !pending.ensureRoom(1, below))
                {
                    break; // the layer below is full: keep the rest with the caller
                }
                final int before = src.position();
                final int produced = deflater.deflate(out, Deflater.NO_FLUSH);
                if (produced == 0 && src.position() == before)
                {
                    break; // no progress is possible now; never spin
                }
            }
        }
        finally
        {
            deflater.setInput(NO_INPUT);
        }
        final int taken = src.position() - start;
        if (taken > 0)
        {
            unsynced = true;
        }
        return taken;
    }

    /**
     * Ends the burst with a sync flush (only if plaintext came since the last one, so an idle flush
     * sends nothing) and hands the output down.
     *
     * @return true when nothing is left here.
     */
    @Override
    public boolean flush(final StreamLayer below) throws IOException
    {
        if (unsynced || syncing)
        {
            final ByteBuffer out = pending.buffer();
            while (true)
            {
                if (!pending.ensureRoom(1, below))
                {
                    syncing = true;
                    return false;
                }
                final int room = out.remaining();
                final int produced = deflater.deflate(out, Deflater.SYNC_FLUSH);
                if (produced < room)
                {
                    break; // zlib's sync flush is complete once it leaves output space unused
                }
            }
            syncing = false;
            unsynced = false;
        }
        return pending.drainTo(below);
    }

    @Override
    public void close()
    {
        deflater.end();
    }
}
