package io.ringnsq.transport.compress;

/**
 * Constants of the Snappy framing format (google/snappy {@code framing_format.txt}): a chunk is a type
 * byte, a 3-byte little-endian length, and that many bytes; data chunks start with the masked CRC-32C
 * of their uncompressed data.
 */
final class SnappyFraming
{
    static final int STREAM_IDENTIFIER_TYPE = 0xff;
    static final int COMPRESSED_TYPE = 0x00;
    static final int UNCOMPRESSED_TYPE = 0x01;
    /** 0x02-0x7f are reserved and unskippable; 0x80-0xfd reserved and skippable; 0xfe is padding. */
    static final int FIRST_SKIPPABLE_TYPE = 0x80;

    /** The stream identifier chunk, which starts every stream: {@code ff 06 00 00 "sNaPpY"}. */
    static final byte[] STREAM_IDENTIFIER = {(byte)0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    static final int HEADER_LENGTH = 4;
    static final int CHECKSUM_LENGTH = 4;
    /** Uncompressed bytes in one data chunk at most. */
    static final int MAX_BLOCK_LENGTH = 65_536;
    /** Snappy's worst case for a full block (32 + n + n / 6), the largest compressed body Go's reader takes. */
    static final int MAX_COMPRESSED_LENGTH = 32 + MAX_BLOCK_LENGTH + MAX_BLOCK_LENGTH / 6;
    /** The longest data chunk, header included. */
    static final int MAX_CHUNK_LENGTH = HEADER_LENGTH + CHECKSUM_LENGTH + MAX_COMPRESSED_LENGTH;

    private SnappyFraming()
    {
    }

    /** The checksum a data chunk carries: CRC-32C rotated right by 15 bits plus a constant. */
    static int mask(final int crc)
    {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    static int readInt24(final byte[] bytes, final int at)
    {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16;
    }

    static int readInt32(final byte[] bytes, final int at)
    {
        return readInt24(bytes, at) | (bytes[at + 3] & 0xff) << 24;
    }

    static void writeHeader(final byte[] bytes, final int at, final int type, final int length, final int checksum)
    {
        bytes[at] = (byte)type;
        bytes[at + 1] = (byte)length;
        bytes[at + 2] = (byte)(length >>> 8);
        bytes[at + 3] = (byte)(length >>> 16);
        bytes[at + 4] = (byte)checksum;
        bytes[at + 5] = (byte)(checksum >>> 8);
        bytes[at + 6] = (byte)(checksum >>> 16);
        bytes[at + 7] = (byte)(checksum >>> 24);
    }
}
