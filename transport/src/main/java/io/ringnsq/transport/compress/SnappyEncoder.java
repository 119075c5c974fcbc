package io.ringnsq.transport.compress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import io.airlift.compress.snappy.SnappyCompressor;
import io.ringnsq.transport.nio.StreamLayer;

import static io.ringnsq.transport.compress.SnappyFraming.CHECKSUM_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.COMPRESSED_TYPE;
import static io.ringnsq.transport.compress.SnappyFraming.HEADER_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.MAX_BLOCK_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.MAX_CHUNK_LENGTH;
import static io.ringnsq.transport.compress.SnappyFraming.STREAM_IDENTIFIER;
import static io.ringnsq.transport.compress.SnappyFraming.UNCOMPRESSED_TYPE;

/**
 * The sending half of {@link SnappyLayer}, written as Go's {@code snappy.NewBufferedWriter} (nsqd's) writes:
 * the stream identifier once, then plaintext gathered into blocks of up to 64 KiB, each sent as a
 * compressed chunk, or as an uncompressed one when compressing saves less than 12.5%. A block is cut
 * when it is full and at each flush.
 */
final class SnappyEncoder implements CompressedLayer.Encoder
{
    private final SnappyCompressor compressor = new SnappyCompressor();
    private final CRC32C crc = new CRC32C();
    private final byte[] block = new byte[MAX_BLOCK_LENGTH];
    private int blockLength;
    /** Heap: the compressor writes chunks into its array. */
    private final PendingOutput pending = new PendingOutput(STREAM_IDENTIFIER.length + MAX_CHUNK_LENGTH, false);

    SnappyEncoder()
    {
        pending.buffer().put(STREAM_IDENTIFIER); // goes out with the first flush, ahead of any chunk
    }

    /** Takes plaintext into the current block, sending full blocks down as chunks. */
    @Override
    public int write(final ByteBuffer src, final StreamLayer below) throws IOException
    {
        final int start = src.position();
        while (src.hasRemaining())
        {
            if (blockLength == MAX_BLOCK_LENGTH && !emitChunk(below))
            {
                break; // the layer below is full: keep the rest with the caller
            }
            final int n = Math.min(src.remaining(), MAX_BLOCK_LENGTH - blockLength);
            src.get(block, blockLength, n);
            blockLength += n;
        }
        return src.position() - start;
    }

    /**
     * Sends the partial block as a chunk and hands everything down.
     *
     * @return true when nothing is left here.
     */
    @Override
    public boolean flush(final StreamLayer below) throws IOException
    {
        if (blockLength > 0 && !emitChunk(below))
        {
            return false;
        }
        return pending.drainTo(below);
    }

    /** Frames the block into the pending output; false when there is no room until the layer below drains. */
    private boolean emitChunk(final StreamLayer below) throws IOException
    {
        final int bodyRoom = compressor.maxCompressedLength(blockLength);
        if (!pending.ensureRoom(HEADER_LENGTH + CHECKSUM_LENGTH + bodyRoom, below))
        {
            return false;
        }
        crc.reset();
        crc.update(block, 0, blockLength);
        final int checksum = SnappyFraming.mask((int)crc.getValue());

        final ByteBuffer out = pending.buffer();
        final byte[] bytes = out.array();
        final int at = out.arrayOffset() + out.position();
        final int body = at + HEADER_LENGTH + CHECKSUM_LENGTH;
        final int compressed = compressor.compress(block, 0, blockLength, bytes, body, bodyRoom);
        final int type;
        final int bodyLength;
        if (compressed >= blockLength - blockLength / 8)
        {
            // as Go and snappystream do: a chunk that barely shrinks is cheaper for the peer to take as it is
            System.arraycopy(block, 0, bytes, body, blockLength);
            type = UNCOMPRESSED_TYPE;
            bodyLength = blockLength;
        }
        else
        {
            type = COMPRESSED_TYPE;
            bodyLength = compressed;
        }
        SnappyFraming.writeHeader(bytes, at, type, CHECKSUM_LENGTH + bodyLength, checksum);
        out.position(out.position() + HEADER_LENGTH + CHECKSUM_LENGTH + bodyLength);
        blockLength = 0;
        return true;
    }
}
