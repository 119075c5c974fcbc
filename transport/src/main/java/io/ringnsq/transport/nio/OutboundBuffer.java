package io.ringnsq.transport.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A connection's pending output: frames are encoded into one direct buffer, and written with as
 * few syscalls as possible. What does not fit while the socket is full waits in a queue of
 * buffers that reference message bodies rather than copy them, so a slow reader costs references,
 * not copies; the RDY window bounds how many.
 */
public final class OutboundBuffer
{
    private final ByteBuffer buffer;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;

    OutboundBuffer(final int capacity)
    {
        buffer = ByteBuffer.allocateDirect(capacity);
    }

    public boolean isEmpty()
    {
        return buffer.position() == 0 && queue.isEmpty();
    }

    public long pendingBytes()
    {
        return buffer.position() + queuedBytes;
    }

    /**
     * Space for {@code length} bytes at the end of the output, in order, or null when the frame
     * must go through {@link #enqueue} (earlier output is still queued, or it does not fit even
     * after writing what the socket takes now).
     */
    public ByteBuffer claim(final int length, final StreamLayer layer) throws IOException
    {
        if (!queue.isEmpty())
        {
            return null;
        }
        if (buffer.remaining() >= length)
        {
            return buffer;
        }
        flush(layer);
        return queue.isEmpty() && buffer.remaining() >= length ? buffer : null;
    }

    /** Appends a ready-to-write buffer (position..limit) after everything else. */
    public void enqueue(final ByteBuffer bytes)
    {
        queue.addLast(bytes);
        queuedBytes += bytes.remaining();
    }

    /** Bytes in the direct buffer, to compare against a flush threshold. */
    public int buffered()
    {
        return buffer.position();
    }

    /**
     * Writes as much as the stream's top layer takes, and lets every layer push what it holds.
     *
     * @return true when everything was written to the socket.
     */
    public boolean flush(final StreamLayer layer) throws IOException
    {
        if (buffer.position() > 0)
        {
            buffer.flip();
            try
            {
                while (buffer.hasRemaining() && layer.write(buffer) > 0)
                {
                    // a layer that encodes may take the bytes in several bites
                }
            }
            finally
            {
                buffer.compact();
            }
        }
        while (buffer.position() == 0 && !queue.isEmpty())
        {
            final ByteBuffer head = queue.peekFirst();
            final int before = head.remaining();
            while (head.hasRemaining() && layer.write(head) > 0)
            {
                // as above
            }
            queuedBytes -= before - head.remaining();
            if (head.hasRemaining())
            {
                break;
            }
            queue.pollFirst();
        }
        return layer.flush() && isEmpty();
    }

    void clear()
    {
        buffer.clear();
        queue.clear();
        queuedBytes = 0;
    }
}
