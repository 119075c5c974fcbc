package io.ringnsq.core.message;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Message ids on the wire: 16 lowercase hex characters of the 8-byte id, as upstream prints its
 * GUIDs. Only lowercase hex parses, so an id a client changed (e.g. upper-cased) is "not in flight",
 * exactly as upstream's byte comparison makes it.
 */
public final class MessageIds
{
    public static final int HEX_LENGTH = 16;

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX_VALUES = new byte[256];

    static
    {
        java.util.Arrays.fill(HEX_VALUES, (byte)-1);
        for (int i = 0; i < HEX_DIGITS.length; i++)
        {
            HEX_VALUES[HEX_DIGITS[i]] = (byte)i;
        }
    }

    private MessageIds()
    {
    }

    public static void writeHex(final long id, final MutableDirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < HEX_LENGTH; i++)
        {
            buffer.putByte(offset + i, HEX_DIGITS[(int)(id >>> (60 - 4 * i)) & 0xF]);
        }
    }

    public static void writeHex(final long id, final byte[] dst, final int offset)
    {
        for (int i = 0; i < HEX_LENGTH; i++)
        {
            dst[offset + i] = HEX_DIGITS[(int)(id >>> (60 - 4 * i)) & 0xF];
        }
    }

    public static String toHex(final long id)
    {
        final byte[] bytes = new byte[HEX_LENGTH];
        writeHex(id, bytes, 0);
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** True when the 16 bytes at offset are lowercase hex. */
    public static boolean isHex(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < HEX_LENGTH; i++)
        {
            if (HEX_VALUES[buffer.getByte(offset + i) & 0xFF] < 0)
            {
                return false;
            }
        }
        return true;
    }

    /** Parses 16 lowercase hex bytes; call {@link #isHex} first. */
    public static long parseHex(final DirectBuffer buffer, final int offset)
    {
        long id = 0;
        for (int i = 0; i < HEX_LENGTH; i++)
        {
            id = (id << 4) | HEX_VALUES[buffer.getByte(offset + i) & 0xFF];
        }
        return id;
    }
}
