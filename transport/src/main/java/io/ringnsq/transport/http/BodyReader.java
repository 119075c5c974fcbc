package io.ringnsq.transport.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads one request body from the input buffer as it arrives, by Content-Length or chunked (Go's
 * {@code internal.chunkedReader}: chunk extensions dropped, trailers read and dropped), keeping the
 * bytes or skipping them. The limit is checked against every declared size before anything is
 * allocated for it. One per connection, reused.
 */
final class BodyReader
{
    static final int NEED_MORE = 0;
    static final int DONE = 1;
    /** The body is, or declares it will be, over the limit. */
    static final int TOO_BIG = 2;
    /** Bad chunked framing: Go's body read fails. */
    static final int MALFORMED = 3;

    private static final int CHUNK_SIZE = 0;
    private static final int CHUNK_DATA = 1;
    private static final int CHUNK_DATA_END = 2;
    private static final int CHUNK_TRAILER = 3;
    /** Go's maxLineLength for a chunk-size line. */
    private static final int MAX_CHUNK_LINE = 4096;
    /** Go reads trailers only within its 4 KiB read buffer. */
    private static final int MAX_TRAILER = 4096;

    private boolean chunked;
    private boolean store;
    private int max;
    private byte[] body;
    private int length;
    /** Content-Length bytes left, or the current chunk's. */
    private long remaining;
    private int chunkPhase;
    private int trailerBytes;
    private int position;

    /**
     * Starts a body of {@code declared} bytes (-1: chunked), at most {@code max}, kept when
     * {@code store}. A declared length must already be within {@code max}.
     */
    void start(final long declared, final boolean store, final int max)
    {
        this.chunked = declared < 0;
        this.store = store;
        this.max = max;
        this.remaining = declared;
        this.length = 0;
        this.chunkPhase = CHUNK_SIZE;
        this.trailerBytes = 0;
        this.body = store && declared > 0 ? new byte[(int)declared] : null;
    }

    /** Reads from {@code in[from, to)}; {@link #position()} tells where it stopped. */
    int read(final ByteBuffer in, final int from, final int to)
    {
        position = from;
        return chunked ? readChunks(in, to) : readLength(in, to);
    }

    /** Where the last {@link #read} stopped. */
    int position()
    {
        return position;
    }

    /** The body read (exactly sized), and forgets it. */
    byte[] takeBody()
    {
        final byte[] taken = !store || length == 0 ? HttpRequest.NO_BODY
            : body.length == length ? body : Arrays.copyOf(body, length);
        body = null;
        return taken;
    }

    void clear()
    {
        body = null;
    }

    private int readLength(final ByteBuffer in, final int to)
    {
        final int n = (int)Math.min(remaining, to - position);
        if (n > 0)
        {
            take(in, n);
        }
        return remaining == 0 ? DONE : NEED_MORE;
    }

    private int readChunks(final ByteBuffer in, final int to)
    {
        while (true)
        {
            switch (chunkPhase)
            {
                case CHUNK_SIZE ->
                {
                    final int newline = indexOf(in, (byte)'\n', position, Math.min(to, position + MAX_CHUNK_LINE));
                    if (newline < 0)
                    {
                        return to - position >= MAX_CHUNK_LINE ? MALFORMED : NEED_MORE;
                    }
                    final long size = parseChunkSize(in, position, newline);
                    if (size < 0)
                    {
                        return MALFORMED;
                    }
                    position = newline + 1;
                    if (size == 0)
                    {
                        chunkPhase = CHUNK_TRAILER;
                        continue;
                    }
                    if (size > max - length)
                    {
                        return TOO_BIG; // as soon as the body is known to pass the limit
                    }
                    remaining = size;
                    chunkPhase = CHUNK_DATA;
                    if (store)
                    {
                        ensureCapacity(length + (int)size);
                    }
                }
                case CHUNK_DATA ->
                {
                    final int n = (int)Math.min(remaining, to - position);
                    if (n == 0)
                    {
                        return NEED_MORE;
                    }
                    take(in, n);
                    if (remaining == 0)
                    {
                        chunkPhase = CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END ->
                {
                    if (to - position < 2)
                    {
                        return NEED_MORE;
                    }
                    if (in.get(position) != '\r' || in.get(position + 1) != '\n')
                    {
                        return MALFORMED; // Go: "malformed chunked encoding"
                    }
                    position += 2;
                    chunkPhase = CHUNK_SIZE;
                }
                default ->
                {
                    final int newline = indexOf(in, (byte)'\n', position, to);
                    if (newline < 0)
                    {
                        return trailerBytes + to - position > MAX_TRAILER ? MALFORMED : NEED_MORE;
                    }
                    trailerBytes += newline + 1 - position;
                    final int lineEnd = newline > position && in.get(newline - 1) == '\r' ? newline - 1 : newline;
                    if (trailerBytes > MAX_TRAILER || (lineEnd > position && indexOf(in, (byte)':', position, lineEnd) < 0))
                    {
                        return MALFORMED;
                    }
                    final boolean last = lineEnd == position;
                    position = newline + 1;
                    if (last)
                    {
                        return DONE;
                    }
                }
            }
        }
    }

    private void take(final ByteBuffer in, final int n)
    {
        if (store)
        {
            in.get(position, body, length, n);
        }
        length += n;
        position += n;
        remaining -= n;
    }

    private void ensureCapacity(final int needed)
    {
        if (body == null || body.length < needed)
        {
            final int grown = body == null ? needed : (int)Math.min(max, Math.max(needed, 2L * body.length));
            body = body == null ? new byte[grown] : Arrays.copyOf(body, grown);
        }
    }

    /**
     * Go's chunk-size line: trailing whitespace trimmed, then an extension after ';' dropped, then
     * 1 to 16 hex digits. Returns -1 when malformed, {@link Long#MAX_VALUE} beyond 2^63.
     */
    private static long parseChunkSize(final ByteBuffer in, final int start, final int newline)
    {
        int lineEnd = newline;
        while (lineEnd > start && isSpace(in.get(lineEnd - 1)))
        {
            lineEnd--;
        }
        final int semicolon = indexOf(in, (byte)';', start, lineEnd);
        final int digitsEnd = semicolon < 0 ? lineEnd : semicolon;
        if (digitsEnd == start || digitsEnd - start > 16)
        {
            return -1;
        }
        long size = 0;
        for (int i = start; i < digitsEnd; i++)
        {
            final int digit = UrlText.hex(in.get(i));
            if (digit < 0)
            {
                return -1;
            }
            size = (size << 4) | digit;
        }
        return size < 0 ? Long.MAX_VALUE : size;
    }

    static int indexOf(final ByteBuffer in, final byte b, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (in.get(i) == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpace(final byte b)
    {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
