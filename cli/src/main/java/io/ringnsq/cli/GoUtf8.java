package io.ringnsq.cli;

/**
 * Text as Go's JSON decoder sees it: every byte that does not start a well-formed UTF-8 sequence
 * becomes one U+FFFD ({@code utf8.DecodeRune} reports width 1), where Java's decoder would
 * replace a whole ill-formed sequence with one; an unpaired surrogate that arrived as a
 * {@code \}{@code uD800} escape becomes U+FFFD too. {@link GoQuote} quotes bytes by the same reading.
 */
public final class GoUtf8
{
    private GoUtf8()
    {
    }

    public static String decode(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length)
        {
            final int width = width(bytes, i);
            if (width == 0)
            {
                out.append('\uFFFD');
                i++;
            }
            else
            {
                out.appendCodePoint(codePoint(bytes, i, width));
                i += width;
            }
        }
        return out.toString();
    }

    /** The string with each unpaired surrogate replaced by U+FFFD; the same instance when there is none. */
    public static String sanitize(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            if (Character.isSurrogate(value.charAt(i)))
            {
                return replaceUnpaired(value);
            }
        }
        return value;
    }

    private static String replaceUnpaired(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                out.append(c).append(value.charAt(++i));
            }
            else
            {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** Length of the well-formed UTF-8 sequence at {@code i} (RFC 3629), or 0 if there is none. */
    static int width(final byte[] bytes, final int i)
    {
        final int b0 = bytes[i] & 0xFF;
        if (b0 < 0x80)
        {
            return 1;
        }
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

    /** The code point of the sequence of {@code width} bytes at {@code i} that {@link #width} found well-formed. */
    static int codePoint(final byte[] bytes, final int i, final int width)
    {
        if (width == 1)
        {
            return bytes[i];
        }
        int cp = bytes[i] & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07);
        for (int k = 1; k < width; k++)
        {
            cp = (cp << 6) | (bytes[i + k] & 0x3F);
        }
        return cp;
    }
}
