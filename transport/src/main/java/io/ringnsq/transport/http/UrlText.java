package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code url.unescape} for the two modes a server needs: a path ({@code %XX} only) and a query
 * component ({@code %XX}, and {@code +} is a space). An escape must be {@code %} and two hex digits,
 * or the whole text is refused, as Go refuses it. Decoded bytes are read as UTF-8.
 */
final class UrlText
{
    private UrlText()
    {
    }

    /** Whether every {@code %} in the range starts a valid escape (Go's EscapeError otherwise). */
    static boolean hasValidEscapes(final byte[] bytes, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (bytes[i] == '%')
            {
                if (i + 2 >= end || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0)
                {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /** Whether decoding would change the text: it holds an escape, or a '+' in a query component. */
    static boolean needsDecoding(final byte[] bytes, final int start, final int end, final boolean query)
    {
        for (int i = start; i < end; i++)
        {
            final byte b = bytes[i];
            if (b == '%' || (query && b == '+'))
            {
                return true;
            }
        }
        return false;
    }

    /** The decoded text of a range whose escapes were validated. */
    static String decode(final byte[] bytes, final int start, final int end, final boolean query)
    {
        if (!needsDecoding(bytes, start, end, query))
        {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
        final byte[] out = new byte[end - start];
        final int length = decodeInto(bytes, start, end, query, out);
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Whether the decoded range equals {@code text}, without allocating when the decoded bytes are
     * ASCII (a query key compared with a parameter name).
     */
    static boolean decodedEquals(final byte[] bytes, final int start, final int end, final boolean query, final String text)
    {
        int at = 0;
        for (int i = start; i < end; i++)
        {
            int b = bytes[i] & 0xff;
            if (b == '%')
            {
                b = (hex(bytes[i + 1]) << 4) | hex(bytes[i + 2]);
                i += 2;
            }
            else if (query && b == '+')
            {
                b = ' ';
            }
            if (b >= 0x80)
            {
                return decode(bytes, start, end, query).equals(text);
            }
            if (at >= text.length() || text.charAt(at) != b)
            {
                return false;
            }
            at++;
        }
        return at == text.length();
    }

    private static int decodeInto(final byte[] bytes, final int start, final int end, final boolean query, final byte[] out)
    {
        int length = 0;
        for (int i = start; i < end; i++)
        {
            final byte b = bytes[i];
            if (b == '%')
            {
                out[length++] = (byte)((hex(bytes[i + 1]) << 4) | hex(bytes[i + 2]));
                i += 2;
            }
            else
            {
                out[length++] = query && b == '+' ? (byte)' ' : b;
            }
        }
        return length;
    }

    static int hex(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }
}
