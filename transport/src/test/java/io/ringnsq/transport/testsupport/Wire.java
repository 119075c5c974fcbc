package io.ringnsq.transport.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds client → server bytes (spec §1.2): a command line, then for IDENTIFY/PUB/MPUB/DPUB a 4-byte
 * big-endian length and the body. Tests build byte arrays so several commands can go out in one write.
 * Also: server frames as they appear on the wire, searching captured bytes, and printable escapes.
 */
public final class Wire
{
    public static final byte[] MAGIC_V2 = ascii("  V2");
    /** Bytes shown by {@link #escape}; long enough for a frame header and a typical body. */
    private static final int ESCAPE_LIMIT = 512;

    private Wire()
    {
    }

    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes as a string one char per byte, to compare frame text byte for byte (see {@link Frame#text()}). */
    public static String latin1(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] int32(final int value)
    {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    public static byte[] hex(final String spaced)
    {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    public static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A command line terminated by {@code \n}. */
    public static byte[] line(final String line)
    {
        return ascii(line + "\n");
    }

    /** A command line followed by a length-prefixed body. */
    public static byte[] withBody(final String line, final byte[] body)
    {
        return concat(line(line), int32(body.length), body);
    }

    public static byte[] pub(final String topic, final String body)
    {
        return withBody("PUB " + topic, utf8(body));
    }

    public static byte[] dpub(final String topic, final long deferMs, final String body)
    {
        return withBody("DPUB " + topic + " " + deferMs, utf8(body));
    }

    public static byte[] identify(final String json)
    {
        return withBody("IDENTIFY", utf8(json));
    }

    /** The MPUB body (after body_len): {@code [int32 count]} then {@code [int32 len][bytes]} per message. */
    public static byte[] mpubBody(final List<byte[]> messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(int32(messages.size()));
        for (final byte[] message : messages)
        {
            out.writeBytes(int32(message.length));
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    public static byte[] mpub(final String topic, final String... bodies)
    {
        return withBody("MPUB " + topic, mpubBody(Arrays.stream(bodies).map(Wire::utf8).toList()));
    }

    public static byte[] repeat(final char c, final int count)
    {
        return ascii(String.valueOf(c).repeat(count));
    }

    /** A server frame as it appears on the wire: size (4 + data), type, data. */
    public static byte[] frame(final int type, final byte[] data)
    {
        return concat(int32(4 + data.length), int32(type), data);
    }

    /** Index of the first occurrence of {@code needle} in {@code haystack}, -1 if none. */
    private static int indexOf(final byte[] haystack, final byte[] needle)
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

    public static boolean contains(final byte[] haystack, final byte[] needle)
    {
        return indexOf(haystack, needle) >= 0;
    }

    public static boolean startsWith(final byte[] bytes, final byte[] prefix)
    {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Printable ASCII kept, everything else as {@code \xNN}, for assertion messages; long input is cut. */
    public static String escape(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        final int shown = Math.min(bytes.length, ESCAPE_LIMIT);
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
