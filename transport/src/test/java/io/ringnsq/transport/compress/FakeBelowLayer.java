package io.ringnsq.transport.compress;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

import io.ringnsq.transport.nio.StreamLayer;

/**
 * An in-memory stand-in for the socket under a layer, deterministic: input is fed as segments a read
 * never crosses (like TCP segments), optionally capped per read; output is collected, optionally capped
 * per write and in total (a full socket takes nothing until the budget is raised).
 */
final class FakeBelowLayer implements StreamLayer
{
    private final ArrayDeque<byte[]> segments = new ArrayDeque<>();
    private int segmentOffset;
    private boolean endAfterSegments;
    private int maxPerRead = Integer.MAX_VALUE;
    private int maxPerWrite = Integer.MAX_VALUE;
    private long writeBudget = Long.MAX_VALUE;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private long handedUp;
    private int reads;
    private boolean closed;

    FakeBelowLayer feed(final byte[] bytes)
    {
        if (bytes.length > 0)
        {
            segments.addLast(bytes.clone());
        }
        return this;
    }

    /** Feeds {@code bytes} as segments of {@code piece} bytes (the last one shorter). */
    FakeBelowLayer feedInPieces(final byte[] bytes, final int piece)
    {
        for (int i = 0; i < bytes.length; i += piece)
        {
            feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece)));
        }
        return this;
    }

    /** Once the fed segments are read, reads return -1. */
    FakeBelowLayer end()
    {
        endAfterSegments = true;
        return this;
    }

    FakeBelowLayer maxPerRead(final int bytes)
    {
        maxPerRead = bytes;
        return this;
    }

    FakeBelowLayer maxPerWrite(final int bytes)
    {
        maxPerWrite = bytes;
        return this;
    }

    /** Total bytes writes will take from now on; 0 makes the socket full. */
    FakeBelowLayer writeBudget(final long bytes)
    {
        writeBudget = bytes;
        return this;
    }

    /** The bytes written so far, and forgets them. */
    byte[] takeWritten()
    {
        final byte[] bytes = written.toByteArray();
        written.reset();
        return bytes;
    }

    /** Bytes the layer above has read from here so far. */
    long handedUp()
    {
        return handedUp;
    }

    int reads()
    {
        return reads;
    }

    boolean closed()
    {
        return closed;
    }

    @Override
    public int read(final ByteBuffer dst)
    {
        reads++;
        final byte[] head = segments.peekFirst();
        if (head == null)
        {
            return endAfterSegments ? -1 : 0;
        }
        final int n = Math.min(Math.min(dst.remaining(), maxPerRead), head.length - segmentOffset);
        dst.put(head, segmentOffset, n);
        segmentOffset += n;
        if (segmentOffset == head.length)
        {
            segments.pollFirst();
            segmentOffset = 0;
        }
        handedUp += n;
        return n;
    }

    @Override
    public int write(final ByteBuffer src)
    {
        final int n = (int)Math.min(Math.min(src.remaining(), maxPerWrite), writeBudget);
        for (int i = 0; i < n; i++)
        {
            written.write(src.get());
        }
        writeBudget -= n;
        return n;
    }

    @Override
    public boolean flush()
    {
        return true;
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
