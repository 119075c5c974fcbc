package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * A compressed stream over the layer below: what is written goes through the encoder, what is read through the
 * decoder; the codec decides the format (raw deflate, framed snappy). A closed layer refuses reads and writes.
 */
abstract class CompressedLayer implements StreamLayer
{
    /** The writing half of a codec: compresses into its own buffer and drains it into the layer below. */
    interface Encoder
    {
        /** Takes as much of {@code src} as fits; returns how many bytes it took. */
        int write(ByteBuffer src, StreamLayer below) throws IOException;

        /** Ends the current burst and drains it; false when the layer below could not take it all yet. */
        boolean flush(StreamLayer below) throws IOException;

        /** Frees what the codec holds outside the heap. */
        default void close()
        {
        }
    }

    /** The reading half of a codec: reads compressed bytes from the layer below and decodes them. */
    interface Decoder
    {
        int read(ByteBuffer dst, StreamLayer below) throws IOException;

        boolean hasBufferedInput();

        default void close()
        {
        }
    }

    private final StreamLayer below;
    private final Decoder decoder;
    private final Encoder encoder;
    private final String name;
    private boolean closed;

    CompressedLayer(final StreamLayer below, final Decoder decoder, final Encoder encoder, final String name)
    {
        this.below = below;
        this.decoder = decoder;
        this.encoder = encoder;
        this.name = name;
    }

    @Override
    public final int read(final ByteBuffer dst) throws IOException
    {
        ensureOpen();
        return decoder.read(dst, below);
    }

    @Override
    public final int write(final ByteBuffer src) throws IOException
    {
        ensureOpen();
        return encoder.write(src, below);
    }

    @Override
    public final boolean flush() throws IOException
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
    public final boolean hasBufferedInput()
    {
        return !closed && (decoder.hasBufferedInput() || below.hasBufferedInput());
    }

    @Override
    public final void close()
    {
        if (!closed)
        {
            closed = true;
            decoder.close();
            encoder.close();
            below.close();
        }
    }

    private void ensureOpen() throws IOException
    {
        if (closed)
        {
            throw new IOException(name + " layer closed");
        }
    }
}
