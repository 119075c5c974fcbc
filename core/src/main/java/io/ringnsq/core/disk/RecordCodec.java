package io.ringnsq.core.disk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import io.ringnsq.core.store.StoredMessage;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The bytes of one entry inside a Chronicle excerpt, little-endian:
 *
 * <pre>
 *   0  version      1 byte (1)
 *   1  sequence     8      the queue's number for the entry, so a reader can tell what a damaged stretch lost
 *   9  id           8
 *  17  timestamp    8
 *  25  attempts     4
 *  29  deferral     8
 *  37  body length  4
 *  41  body         n
 *  41+n CRC32C      4      over every byte before it
 * </pre>
 *
 * Fields go through two small scratch arrays so neither writing nor checking allocates; reading allocates only
 * the body it returns.
 */
final class RecordCodec
{
    static final byte VERSION = 1;
    static final int HEADER_LENGTH = 41;
    static final int CRC_LENGTH = 4;
    /** Bytes an entry takes beyond its body, Chronicle's 4-byte excerpt header included. */
    static final int ENTRY_OVERHEAD = 4 + HEADER_LENGTH + CRC_LENGTH;

    static final int OK = 0;
    static final int BAD_VERSION = 1;
    static final int BAD_LENGTH = 2;
    static final int TOO_LARGE = 3;
    static final int CRC_MISMATCH = 4;

    private static final int SEQUENCE = 1;
    private static final int ID = 9;
    private static final int TIMESTAMP = 17;
    private static final int ATTEMPTS = 25;
    private static final int DEFERRAL = 29;
    private static final int BODY_LENGTH = 37;
    private static final int CHUNK = 8192;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxMsgSize;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[HEADER_LENGTH];
    private final byte[] trailer = new byte[CRC_LENGTH];
    // only for checking entries whose body is not wanted (the tail scan at open)
    private byte[] chunk;

    RecordCodec(final int maxMsgSize)
    {
        this.maxMsgSize = maxMsgSize;
    }

    /** Bytes an entry with a body of {@code bodyLength} takes in a roll file. */
    static long entryBytes(final int bodyLength)
    {
        return (long)ENTRY_OVERHEAD + bodyLength;
    }

    void write(
        final Bytes<?> out,
        final long sequence,
        final long id,
        final long timestamp,
        final int attempts,
        final long deferral,
        final byte[] body)
    {
        header[0] = VERSION;
        LONG.set(header, SEQUENCE, sequence);
        LONG.set(header, ID, id);
        LONG.set(header, TIMESTAMP, timestamp);
        INT.set(header, ATTEMPTS, attempts);
        LONG.set(header, DEFERRAL, deferral);
        INT.set(header, BODY_LENGTH, body.length);
        crc.reset();
        crc.update(header, 0, HEADER_LENGTH);
        crc.update(body, 0, body.length);
        INT.set(trailer, 0, (int)crc.getValue());
        out.write(header, 0, HEADER_LENGTH);
        out.write(body, 0, body.length);
        out.write(trailer, 0, CRC_LENGTH);
    }

    /**
     * Checks one excerpt and, when it is good, fills {@code into}: every field, and the body only when asked.
     *
     * @return {@link #OK} or what is wrong with it.
     */
    int read(final Bytes<?> in, final StoredMessage into, final boolean withBody)
    {
        final long length = in.readRemaining();
        if (length < HEADER_LENGTH + CRC_LENGTH)
        {
            return BAD_LENGTH;
        }
        in.read(header, 0, HEADER_LENGTH);
        if (header[0] != VERSION)
        {
            return BAD_VERSION;
        }
        final int bodyLength = (int)INT.get(header, BODY_LENGTH);
        if (bodyLength < 0 || length != (long)HEADER_LENGTH + bodyLength + CRC_LENGTH)
        {
            return BAD_LENGTH;
        }
        if (bodyLength > maxMsgSize)
        {
            return TOO_LARGE;
        }
        crc.reset();
        crc.update(header, 0, HEADER_LENGTH);
        byte[] body = null;
        if (withBody)
        {
            body = new byte[bodyLength];
            in.read(body, 0, bodyLength);
            crc.update(body, 0, bodyLength);
        }
        else
        {
            skimBody(in, bodyLength);
        }
        in.read(trailer, 0, CRC_LENGTH);
        if ((int)INT.get(trailer, 0) != (int)crc.getValue())
        {
            return CRC_MISMATCH;
        }
        into.sequence = (long)LONG.get(header, SEQUENCE);
        into.id = (long)LONG.get(header, ID);
        into.timestamp = (long)LONG.get(header, TIMESTAMP);
        into.attempts = (int)INT.get(header, ATTEMPTS);
        into.deferral = (long)LONG.get(header, DEFERRAL);
        into.body = body;
        return OK;
    }

    String describe(final int result, final long excerptLength)
    {
        switch (result)
        {
            case BAD_VERSION:
                return "unknown record version " + header[0];
            case BAD_LENGTH:
                return "record length does not match its excerpt of " + excerptLength + " bytes";
            case TOO_LARGE:
                return "body of " + (int)INT.get(header, BODY_LENGTH) + " bytes is over max-msg-size " + maxMsgSize;
            case CRC_MISMATCH:
                return "CRC32C mismatch";
            default:
                return "ok";
        }
    }

    private void skimBody(final Bytes<?> in, final int bodyLength)
    {
        if (chunk == null)
        {
            chunk = new byte[CHUNK];
        }
        int left = bodyLength;
        while (left > 0)
        {
            final int n = Math.min(left, CHUNK);
            in.read(chunk, 0, n);
            crc.update(chunk, 0, n);
            left -= n;
        }
    }
}
