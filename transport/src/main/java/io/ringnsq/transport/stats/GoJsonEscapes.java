package io.ringnsq.transport.stats;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.ringnsq.cli.GoUtf8;

/**
 * String escaping as Go's {@code json.Marshal} does it, for a Jackson generator: {@code \"},
 * {@code \\}, {@code \n}, {@code \r}, {@code \t}; every other control character as
 * {@code \}{@code u00xx} with lower-case hex (so {@code \b} and {@code \f} too, as Go did before
 * 1.22); the HTML-safe {@code \}{@code u003c}, {@code \}{@code u003e}, {@code \}{@code u0026} for
 * {@code < > &}; {@code \}{@code u2028} and {@code \}{@code u2029}; everything else as raw UTF-8.
 *
 * <p>Jackson writes a character outside the BMP as two {@code \}{@code uXXXX} escapes once custom
 * escapes are on; Go writes its four UTF-8 bytes. So a high surrogate writes nothing and the low
 * one after it writes the pair's UTF-8. Strings must come through {@link #sanitize} first, so that
 * every high surrogate has its low one. Holds that one char of state: one instance per generator.
 */
public final class GoJsonEscapes extends CharacterEscapes
{
    private static final long serialVersionUID = 1L;

    private static final int[] ASCII_CODES = asciiCodes();
    private static final SerializedString[] ASCII_ESCAPES = asciiEscapes();
    private static final SerializedString NOTHING = new SerializedString("");
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private char highSurrogate;

    private static int[] asciiCodes()
    {
        final int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++)
        {
            // the standard table already holds the short escapes Go uses for \n, \r and \t
            if (c != '\n' && c != '\r' && c != '\t')
            {
                codes[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }
        codes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
        codes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
        codes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
        return codes;
    }

    private static SerializedString[] asciiEscapes()
    {
        final SerializedString[] escapes = new SerializedString[128];
        for (int c = 0; c < 128; c++)
        {
            if (ASCII_CODES[c] == CharacterEscapes.ESCAPE_CUSTOM)
            {
                escapes[c] = new SerializedString(String.format("\\u%04x", c));
            }
        }
        return escapes;
    }

    @Override
    public int[] getEscapeCodesForAscii()
    {
        return ASCII_CODES;
    }

    @Override
    public SerializableString getEscapeSequence(final int ch)
    {
        if (ch < 128)
        {
            return ASCII_ESCAPES[ch];
        }
        if (ch == 0x2028)
        {
            return LINE_SEPARATOR;
        }
        if (ch == 0x2029)
        {
            return PARAGRAPH_SEPARATOR;
        }
        if (Character.isHighSurrogate((char)ch))
        {
            highSurrogate = (char)ch;
            return NOTHING;
        }
        if (Character.isLowSurrogate((char)ch))
        {
            return new SerializedString(new String(new char[] {highSurrogate, (char)ch}));
        }
        return null;
    }

    /**
     * The string with every unpaired surrogate replaced by U+FFFD, as Go's decoder would have
     * read it; the same string (no copy) when there is none, which is nearly always. A null
     * string (no Go string is nil) becomes "".
     */
    public static String sanitize(final String value)
    {
        return value == null ? "" : GoUtf8.sanitize(value);
    }
}
