package io.ringnsq.transport.v2;

import java.nio.charset.StandardCharsets;

import io.ringnsq.cli.GoQuote;
import org.agrona.DirectBuffer;

/**
 * Text the way upstream's Go code produces and reads it, where clients compare it exactly:
 * {@code %q} quoting of names in error frames, and NSQ's strict base-10 parser for numbers in
 * commands.
 *
 * <p>Error texts are byte strings: each char is one byte of the frame (ISO-8859-1), because
 * upstream echoes a client's raw bytes, valid UTF-8 or not.
 */
public final class GoText
{
    private GoText()
    {
    }

    /** NSQ's {@code ByteToBase10}: digits only (no sign), empty is 0, uint64 arithmetic wraps. */
    public static boolean isBase10(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    /** The value of {@link #isBase10} digits, wrapping as Go's uint64 does (read it as unsigned). */
    public static long parseBase10(final DirectBuffer buffer, final int offset, final int length)
    {
        long n = 0;
        for (int i = 0; i < length; i++)
        {
            n = n * 10 + (buffer.getByte(offset + i) - '0');
        }
        return n;
    }

    /** Raw bytes as a byte string (Go's {@code %s} of a byte slice): every byte echoed as it came. */
    public static String raw(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Go's {@code %q} of the bytes, as a byte string (see the class comment). */
    public static String quote(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final String quoted = GoQuote.quote(bytes);
        return new String(quoted.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
