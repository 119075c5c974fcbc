package io.ringnsq.transport.v2;

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
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Go's {@code strconv.Quote} (what {@code %q} prints) of bytes read as a Go string, as a byte string. */
    public static String quote(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return quote(bytes);
    }

    public static String quote(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        int i = 0;
        while (i < bytes.length)
        {
            final int b = bytes[i] & 0xFF;
            if (b < 0x80)
            {
                appendAscii(sb, b);
                i++;
                continue;
            }
            final int width = utf8Width(bytes, i);
            if (width == 0)
            {
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
                i++;
                continue;
            }
            final int cp = decode(bytes, i, width);
            if (isPrint(cp))
            {
                for (int k = 0; k < width; k++)
                {
                    sb.append((char)(bytes[i + k] & 0xFF)); // the UTF-8 bytes, as a byte string
                }
            }
            else if (cp < 0x10000)
            {
                sb.append(String.format("\\u%04x", cp));
            }
            else
            {
                sb.append(String.format("\\U%08x", cp));
            }
            i += width;
        }
        return sb.append('"').toString();
    }

    private static void appendAscii(final StringBuilder sb, final int c)
    {
        switch (c)
        {
            case '"':
                sb.append("\\\"");
                return;
            case '\\':
                sb.append("\\\\");
                return;
            case 7:
                sb.append("\\a");
                return;
            case '\b':
                sb.append("\\b");
                return;
            case '\f':
                sb.append("\\f");
                return;
            case '\n':
                sb.append("\\n");
                return;
            case '\r':
                sb.append("\\r");
                return;
            case '\t':
                sb.append("\\t");
                return;
            case 11:
                sb.append("\\v");
                return;
            default:
                if (c < 0x20 || c == 0x7F)
                {
                    sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                else
                {
                    sb.append((char)c);
                }
        }
    }

    /** Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629), or 0 if there is none. */
    private static int utf8Width(final byte[] bytes, final int i)
    {
        final int b0 = bytes[i] & 0xFF;
        final int width;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF)
        {
            width = 2;
        }
        else if (b0 >= 0xE0 && b0 <= 0xEF)
        {
            width = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        }
        else if (b0 >= 0xF0 && b0 <= 0xF4)
        {
            width = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        }
        else
        {
            return 0;
        }
        if (i + width > bytes.length)
        {
            return 0;
        }
        final int b1 = bytes[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi)
        {
            return 0;
        }
        for (int k = 2; k < width; k++)
        {
            if ((bytes[i + k] & 0xC0) != 0x80)
            {
                return 0;
            }
        }
        return width;
    }

    private static int decode(final byte[] bytes, final int i, final int width)
    {
        int cp = bytes[i] & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
        for (int k = 1; k < width; k++)
        {
            cp = (cp << 6) | (bytes[i + k] & 0x3F);
        }
        return cp;
    }

    /** An approximation of Go's {@code unicode.IsPrint} for non-ASCII code points. */
    private static boolean isPrint(final int cp)
    {
        if (cp == 0xFFFD)
        {
            return true;
        }
        final int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
            && type != Character.SURROGATE && type != Character.PRIVATE_USE
            && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
            && !(type == Character.SPACE_SEPARATOR && cp != ' ');
    }
}
