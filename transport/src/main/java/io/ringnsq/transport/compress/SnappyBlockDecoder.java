package io.ringnsq.transport.compress;

import java.io.IOException;

/**
 * Decodes one Snappy block (google/snappy {@code format_description.txt}: a varint length, then literals
 * and back-references) into a caller's array, checking every length and offset against both arrays, so
 * a hostile block fails with an IOException and never writes out of bounds.
 *
 * <p>Written here rather than taken from aircompressor, whose decompressor boxes its arguments for a
 * precondition message on every call (about 64 bytes per chunk, and nsq clients send a chunk per
 * command); aircompressor still compresses. Plain array access, so the JVM bounds-checks it as well.
 */
final class SnappyBlockDecoder
{
    private static final int LITERAL = 0;
    private static final int COPY_1 = 1;
    private static final int COPY_2 = 2;

    private SnappyBlockDecoder()
    {
    }

    /**
     * @return the decoded length, at most {@code capacity}, written to {@code dst} from index 0.
     * @throws IOException if the block is malformed or decodes to more than {@code capacity} bytes.
     */
    static int decode(final byte[] src, final int offset, final int length, final byte[] dst, final int capacity)
        throws IOException
    {
        final int limit = offset + length;
        int s = offset;
        long declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (s == limit || shift > 28)
            {
                throw corrupt("bad length");
            }
            final int b = src[s++];
            declared |= (long)(b & 0x7f) << shift;
            if (b >= 0)
            {
                break;
            }
        }
        if (declared > capacity)
        {
            throw new IOException("snappy block of " + declared + " bytes is larger than " + capacity);
        }
        final int end = (int)declared;
        int d = 0;
        while (s < limit)
        {
            final int tag = src[s] & 0xff;
            final int kind = tag & 3;
            if (kind == LITERAL)
            {
                long literal = tag >>> 2;
                s++;
                if (literal >= 60)
                {
                    final int bytes = (int)literal - 59; // the length follows in 1 to 4 bytes
                    if (limit - s < bytes)
                    {
                        throw corrupt("literal length cut short");
                    }
                    literal = 0;
                    for (int i = 0; i < bytes; i++)
                    {
                        literal |= (long)(src[s + i] & 0xff) << (8 * i);
                    }
                    s += bytes;
                }
                literal++;
                if (literal > end - d || literal > limit - s)
                {
                    throw corrupt("literal past the end");
                }
                System.arraycopy(src, s, dst, d, (int)literal);
                d += (int)literal;
                s += (int)literal;
                continue;
            }
            final int copy;
            final long distance;
            if (kind == COPY_1)
            {
                if (limit - s < 2)
                {
                    throw corrupt("copy cut short");
                }
                copy = 4 + ((tag >>> 2) & 0x7);
                distance = (tag & 0xe0) << 3 | (src[s + 1] & 0xff);
                s += 2;
            }
            else if (kind == COPY_2)
            {
                if (limit - s < 3)
                {
                    throw corrupt("copy cut short");
                }
                copy = 1 + (tag >>> 2);
                distance = (src[s + 1] & 0xff) | (src[s + 2] & 0xff) << 8;
                s += 3;
            }
            else
            {
                if (limit - s < 5)
                {
                    throw corrupt("copy cut short");
                }
                copy = 1 + (tag >>> 2);
                distance = (src[s + 1] & 0xff) | (src[s + 2] & 0xff) << 8 | (src[s + 3] & 0xff) << 16
                    | (long)(src[s + 4] & 0xff) << 24;
                s += 5;
            }
            if (distance == 0 || distance > d || copy > end - d)
            {
                throw corrupt("copy outside the block");
            }
            final int from = d - (int)distance;
            if (distance >= copy)
            {
                System.arraycopy(dst, from, dst, d, copy);
            }
            else
            {
                for (int i = 0; i < copy; i++) // overlapping: a run that repeats the last bytes
                {
                    dst[d + i] = dst[from + i];
                }
            }
            d += copy;
        }
        if (d != end)
        {
            throw corrupt("decoded " + d + " bytes but the block declares " + end);
        }
        return d;
    }

    private static IOException corrupt(final String why)
    {
        return new IOException("corrupt snappy block: " + why);
    }
}
