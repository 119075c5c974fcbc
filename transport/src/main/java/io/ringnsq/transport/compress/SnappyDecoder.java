package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import io.ringnsq.transport.nio.StreamLayer;

import static io.ringnsq.transport.compress.SnappyFraming.CHECKSUM_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.COMPRESSED_TYPE;
import static io.ringnsq.transport.compress.SnappyFraming.FIRST_SKIPPABLE_TYPE;
import static io.ringnsq.transport.compress.SnappyFraming.HEADER_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.MAX_BLOCK_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.MAX_CHUNK_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.MAX_COMPRESSED_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.STREAM_IDENTIFIER;
import static io.ringnsq.transport.compress.SnappyFraming.STREAM_IDENTIFIER_TYPE;
import static io.ringnsq.transport.compress.SnappyFraming.UNCOMPRESSED_TYPE;

/**
 * The receiving half of {@link SnappyLayer}, as strict as Go's {@code snappy.Reader} (nsqd's): the stream
 * must start with the stream identifier; data chunks must hold at most 64 KiB and match their CRC-32C;
 * reserved unskippable chunks are errors; padding and reserved skippable chunks are skipped. One chunk
 * is decoded at a time, and only when the caller has taken the previous one, so at most 64 KiB of
 * plaintext is ever held.
 */
final class SnappyDecoder implements CompressedLayer.Decoder
{
    private final CRC32C crc = new CRC32C();
    /** Heap: the decompressor reads chunks from its array. Holds the longest chunk whole. */
    private final BelowInput input;
    private final byte[] decoded = new byte[MAX_BLOCK_LENGTH];
    /** Decoded bytes not handed out yet: in {@link #decoded}, or in the input for an uncompressed chunk. */
    private byte[] window = decoded;
    private int windowPosition;
    private int windowLimit;
    private boolean sawStreamIdentifier;
    /** Bytes of a skippable chunk still to discard: such chunks may be longer than the input buffer. */
    private int skipping;
    private boolean ended;

    SnappyDecoder(final ByteBuffer pending)
    {
        input = new BelowInput(MAX_CHUNK_LENGTH, pending, false);
    }

    @Override
    public int read(final ByteBuffer dst, final StreamLayer below) throws IOException
    {
        if (ended)
        {
            return -1;
        }
        final int start = dst.position();
        while (dst.hasRemaining())
        {
            if (windowPosition < windowLimit)
            {
                final int n = Math.min(dst.remaining(), windowLimit - windowPosition);
                dst.put(window, windowPosition, n);
                windowPosition += n;
            }
            else if (!decodeChunk())
            {
                // the input is refilled only here, once the window is empty: it may point into the input
                final int n = input.fill(below);
                if (n < 0)
                {
                    if (input.hasRemaining() || skipping > 0)
                    {
                        throw new IOException("snappy stream truncated: it ended inside a chunk");
                    }
                    ended = true;
                    break;
                }
                if (n == 0)
                {
                    break;
                }
            }
        }
        final int n = dst.position() - start;
        return n == 0 && ended ? -1 : n;
    }

    /** Whether a read would return something (or -1) without new bytes from below. */
    @Override
    public boolean hasBufferedInput()
    {
        if (ended)
        {
            return false;
        }
        if (windowPosition < windowLimit || input.ended())
        {
            return true;
        }
        final ByteBuffer in = input.buffer();
        if (skipping > 0)
        {
            return in.hasRemaining();
        }
        if (in.remaining() < HEADER_LENGTH)
        {
            return false;
        }
        final int at = in.arrayOffset() + in.position();
        final int type = in.array()[at] & 0xff;
        return (type >= FIRST_SKIPPABLE_TYPE && type != STREAM_IDENTIFIER_TYPE)
            || in.remaining() >= HEADER_LENGTH + SnappyFraming.readInt24(in.array(), at + 1);
    }

    /**
     * Decodes the next chunk in the input into the window, or skips what it can of a skippable one.
     *
     * @return false when more input is needed.
     */
    private boolean decodeChunk() throws IOException
    {
        final ByteBuffer in = input.buffer();
        if (skipping > 0)
        {
            final int n = Math.min(skipping, in.remaining());
            in.position(in.position() + n);
            skipping -= n;
            return n > 0;
        }
        if (in.remaining() < HEADER_LENGTH)
        {
            return false;
        }
        final byte[] bytes = in.array();
        final int at = in.arrayOffset() + in.position();
        final int type = bytes[at] & 0xff;
        final int length = SnappyFraming.readInt24(bytes, at + 1);
        if (!sawStreamIdentifier && type != STREAM_IDENTIFIER_TYPE)
        {
            throw new IOException("snappy stream does not start with the stream identifier");
        }
        if (type == STREAM_IDENTIFIER_TYPE)
        {
            return streamIdentifier(in, bytes, at, length);
        }
        if (type == COMPRESSED_TYPE || type == UNCOMPRESSED_TYPE)
        {
            final int maxData = type == COMPRESSED_TYPE ? MAX_COMPRESSED_LENGTH : MAX_BLOCK_LENGTH;
            if (length < CHECKSUM_LENGTH || length > CHECKSUM_LENGTH + maxData)
            {
                throw new IOException("snappy chunk of type " + type + " with bad length " + length);
            }
            if (in.remaining() < HEADER_LENGTH + length)
            {
                return false;
            }
            dataChunk(type, bytes, at, length);
            in.position(in.position() + HEADER_LENGTH + length);
            return true;
        }
        if (type < FIRST_SKIPPABLE_TYPE)
        {
            throw new IOException("reserved unskippable snappy chunk type 0x" + Integer.toHexString(type));
        }
        in.position(in.position() + HEADER_LENGTH); // padding or reserved skippable
        skipping = length;
        return true;
    }

    private boolean streamIdentifier(final ByteBuffer in, final byte[] bytes, final int at, final int length)
        throws IOException
    {
        if (length != STREAM_IDENTIFIER.length - HEADER_LENGTH)
        {
            throw new IOException("bad snappy stream identifier length " + length);
        }
        if (in.remaining() < STREAM_IDENTIFIER.length)
        {
            return false;
        }
        for (int i = HEADER_LENGTH; i < STREAM_IDENTIFIER.length; i++)
        {
            if (bytes[at + i] != STREAM_IDENTIFIER[i])
            {
                throw new IOException("bad snappy stream identifier");
            }
        }
        sawStreamIdentifier = true; // it may come again (streams put end to end): Go's reader allows that too
        in.position(in.position() + STREAM_IDENTIFIER.length);
        return true;
    }

    private void dataChunk(final int type, final byte[] bytes, final int at, final int length) throws IOException
    {
        final int expected = SnappyFraming.readInt32(bytes, at + HEADER_LENGTH);
        final int data = at + HEADER_LENGTH + CHECKSUM_LENGTH;
        final int dataLength = length - CHECKSUM_LENGTH;
        if (type == COMPRESSED_TYPE)
        {
            windowLimit = SnappyBlockDecoder.decode(bytes, data, dataLength, decoded, MAX_BLOCK_LENGTH);
            window = decoded;
            windowPosition = 0;
        }
        else
        {
            // handed out from the input itself, which is not refilled until the window is empty
            window = bytes;
            windowPosition = data;
            windowLimit = data + dataLength;
        }
        crc.reset();
        crc.update(window, windowPosition, windowLimit - windowPosition);
        if (SnappyFraming.mask((int)crc.getValue()) != expected)
        {
            windowLimit = windowPosition;
            throw new IOException("snappy chunk checksum mismatch");
        }
    }
}
