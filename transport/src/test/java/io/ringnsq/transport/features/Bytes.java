package io.ringnsq.transport.features;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Byte helpers: client → server wire pieces (spec §1.2), searching captured bytes, printable escapes. */
final class Bytes
{
    static final byte[] MAGIC_V2 = ascii("  V2");

    private Bytes()
    {
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int32(final int value)
    {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A command line with {@code \n}. */
    static byte[] line(final String line)
    {
        return ascii(line + "\n");
    }

    /** A command line followed by a length-prefixed body. */
    static byte[] withBody(final String line, final byte[] body)
    {
        return concat(line(line), int32(body.length), body);
    }

    /** A server frame as it appears on the wire: size (4 + data), type, data. */
    static byte[] frame(final int type, final byte[] data)
    {
        return concat(int32(4 + data.length), int32(type), data);
    }

    /** Index of the first occurrence of {@code needle} in {@code haystack}, -1 if none. */
    static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean contains(final byte[] haystack, final byte[] needle)
    {
        return indexOf(haystack, needle) >= 0;
    }

    static boolean startsWith(final byte[] bytes, final byte[] prefix)
    {
        if (bytes.length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII kept, everything else as {@code \xNN}; long input cut at 300 bytes. */
    static String escape(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        final int shown = Math.min(bytes.length, 300);
        for (int i = 0; i < shown; i++)
        {
            final int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F)
            {
                text.append((char)b);
            }
            else
            {
                text.append(String.format("\\x%02x", b));
            }
        }
        if (shown < bytes.length)
        {
            text.append("...(").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
