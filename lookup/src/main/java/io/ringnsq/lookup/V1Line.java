package io.ringnsq.lookup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A V1 command line as upstream reads it: {@code strings.TrimSpace}, then {@code strings.Split(line, " ")}, so
 * two spaces give an empty parameter. Parameters are Latin-1 strings, one char per byte: a name with bytes
 * outside ASCII fails validation anyway, and an error text that quotes it gives the peer its own bytes back.
 */
final class V1Line
{
    private V1Line()
    {
    }

    /** The parameters of the line {@code [from, to)} of {@code in} (absolute indexes; the buffer is not moved). */
    static List<String> split(final ByteBuffer in, final int from, final int to)
    {
        int start = from;
        int end = to;
        int width;
        while (start < end && (width = spaceAt(in, start, end)) > 0)
        {
            start += width;
        }
        while (end > start && (width = spaceBefore(in, start, end)) > 0)
        {
            end -= width;
        }
        final List<String> params = new ArrayList<>(4);
        int tokenStart = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || in.get(i) == ' ')
            {
                params.add(latin1(in, tokenStart, i));
                tokenStart = i + 1;
            }
        }
        return params;
    }

    /** The bytes of a reply text built from Latin-1 parameters: each char back to its byte. */
    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(final ByteBuffer in, final int from, final int to)
    {
        final byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The width in bytes of a Go white-space rune starting at {@code at}, or 0. */
    private static int spaceAt(final ByteBuffer in, final int at, final int end)
    {
        for (int width = 1; width <= 3 && at + width <= end; width++)
        {
            if (isSpace(in, at, width))
            {
                return width;
            }
        }
        return 0;
    }

    /** The width in bytes of a Go white-space rune ending just before {@code end}, or 0. */
    private static int spaceBefore(final ByteBuffer in, final int start, final int end)
    {
        for (int width = 1; width <= 3 && end - width >= start; width++)
        {
            if (isSpace(in, end - width, width))
            {
                return width;
            }
        }
        return 0;
    }

    /** Go's {@code unicode.IsSpace} over the UTF-8 encoding of {@code width} bytes at {@code at}. */
    private static boolean isSpace(final ByteBuffer in, final int at, final int width)
    {
        final int b0 = in.get(at) & 0xFF;
        if (width == 1)
        {
            return b0 == ' ' || (b0 >= '\t' && b0 <= '\r');
        }
        final int b1 = in.get(at + 1) & 0xFF;
        if (width == 2)
        {
            return b0 == 0xC2 && (b1 == 0x85 || b1 == 0xA0); // U+0085, U+00A0
        }
        final int b2 = in.get(at + 2) & 0xFF;
        if (b0 == 0xE1)
        {
            return b1 == 0x9A && b2 == 0x80; // U+1680
        }
        if (b0 == 0xE2 && b1 == 0x80)
        {
            return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF; // U+2000..200A, U+2028, U+2029, U+202F
        }
        if (b0 == 0xE2 && b1 == 0x81)
        {
            return b2 == 0x9F; // U+205F
        }
        return b0 == 0xE3 && b1 == 0x80 && b2 == 0x80; // U+3000
    }
}
