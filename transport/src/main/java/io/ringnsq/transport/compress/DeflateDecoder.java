package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * The receiving half of {@link DeflateLayer}: inflates raw DEFLATE straight into the caller's buffer,
 * never more than it has room for, reading from below only when the inflater has used all its input.
 * A final block ends the stream, as it ends Go's flate reader; whatever follows it is ignored.
 */
final class DeflateDecoder implements CompressedLayer.Decoder
{
    private final Inflater inflater = new Inflater(true);
    private final BelowInput input;
    /** Everything decoded has been handed out and no more can come: reads return -1. */
    private boolean ended;
    /** The last read filled the caller's buffer, so the inflater may hold more output. */
    private boolean mayHoldOutput;

    DeflateDecoder(final int capacity, final ByteBuffer pending)
    {
        // direct: the socket reads into it without a copy through a temporary direct buffer
        input = new BelowInput(capacity, pending, true);
        inflater.setInput(input.buffer()); // the inflater advances the buffer's position as it consumes
    }

    @Override
    public int read(final ByteBuffer dst, final StreamLayer below) throws IOException
    {
        if (ended)
        {
            return -1;
        }
        final ByteBuffer in = input.buffer();
        final int start = dst.position();
        while (dst.hasRemaining())
        {
            final int before = in.position();
            final int produced = inflate(dst);
            if (produced > 0 || in.position() != before)
            {
                continue;
            }
            if (inflater.finished())
            {
                ended = true;
                break;
            }
            if (!inflater.needsInput())
            {
                throw new IOException("deflate stream stalled with input left"); // never spin on it
            }
            final int n = input.fill(below);
            if (n < 0)
            {
                ended = true; // nothing more can be decoded: the stream ended, perhaps inside a block
                break;
            }
            if (n == 0)
            {
                break;
            }
        }
        mayHoldOutput = !dst.hasRemaining();
        final int decoded = dst.position() - start;
        return decoded == 0 && ended ? -1 : decoded;
    }

    /** Whether a read would return something (or -1) without new bytes from below. */
    @Override
    public boolean hasBufferedInput()
    {
        return !ended && (mayHoldOutput || input.hasRemaining() || input.ended());
    }

    private int inflate(final ByteBuffer dst) throws IOException
    {
        try
        {
            return inflater.inflate(dst);
        }
        catch (final DataFormatException ex)
        {
            throw new IOException("corrupt deflate stream: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        inflater.end();
    }
}
