package io.ringnsq.cli;

/**
 * Go's {@code strconv.Quote}, what {@code %q} prints: double quotes around the text, Go's escapes
 * for quotes, backslashes and control characters, printable runes as they are, Go's hex escapes for
 * other runes and for bytes that are not valid UTF-8. Upstream NSQ prints names and values this way
 * in messages that clients and people compare, so every ringnsq module uses this one.
 */
public final class GoQuote
{
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private GoQuote()
    {
    }

    /** Quotes bytes as Go quotes a string holding them. */
    public static String quote(final byte[] bytes)
    {
        final StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
        int i = 0;
        while (i < bytes.length)
        {
            final int width = GoUtf8.width(bytes, i);
            if (width == 0)
            {
                final int b = bytes[i] & 0xFF;
                out.append("\\x").append(HEX_DIGITS[b >> 4]).append(HEX_DIGITS[b & 0xF]);
                i++;
            }
            else
            {
                appendQuoted(out, GoUtf8.codePoint(bytes, i, width));
                i += width;
            }
        }
        return out.append('"').toString();
    }

    private static void appendQuoted(final StringBuilder out, final int cp)
    {
        switch (cp)
        {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default ->
            {
                if (isPrint(cp))
                {
                    out.appendCodePoint(cp);
                }
                else if (cp < ' ' || cp == 0x7F)
                {
                    out.append("\\x").append(HEX_DIGITS[cp >> 4]).append(HEX_DIGITS[cp & 0xF]);
                }
                else if (cp < 0x10000)
                {
                    appendHex(out.append("\\u"), cp, 4);
                }
                else
                {
                    appendHex(out.append("\\U"), cp, 8);
                }
            }
        }
    }

    private static void appendHex(final StringBuilder out, final int value, final int digits)
    {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            out.append(HEX_DIGITS[(value >> shift) & 0xF]);
        }
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(final int cp)
    {
        if (cp == ' ')
        {
            return true;
        }
        return switch (Character.getType(cp))
        {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
