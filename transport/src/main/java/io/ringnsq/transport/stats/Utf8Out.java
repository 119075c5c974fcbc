package io.ringnsq.transport.stats;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link CharSequence} as UTF-8 through one small buffer, so a rendered page is not
 * copied into a String and then a byte array first. Unpaired surrogates become U+FFFD, as Go
 * strings cannot hold them.
 */
final class Utf8Out
{
    private static final int CHUNK = 4096;

    private Utf8Out()
    {
    }

    static void write(final CharSequence text, final OutputStream out) throws IOException
    {
        final byte[] buffer = new byte[CHUNK];
        int used = 0;
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            if (used > CHUNK - 4)
            {
                out.write(buffer, 0, used);
                used = 0;
            }
            int c = text.charAt(i);
            if (c < 0x80)
            {
                buffer[used++] = (byte)c;
                continue;
            }
            if (Character.isHighSurrogate((char)c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                c = Character.toCodePoint((char)c, text.charAt(++i));
            }
            else if (Character.isSurrogate((char)c))
            {
                c = 0xFFFD;
            }
            if (c < 0x800)
            {
                buffer[used++] = (byte)(0xC0 | c >> 6);
            }
            else if (c < 0x10000)
            {
                buffer[used++] = (byte)(0xE0 | c >> 12);
                buffer[used++] = (byte)(0x80 | c >> 6 & 0x3F);
            }
            else
            {
                buffer[used++] = (byte)(0xF0 | c >> 18);
                buffer[used++] = (byte)(0x80 | c >> 12 & 0x3F);
                buffer[used++] = (byte)(0x80 | c >> 6 & 0x3F);
            }
            buffer[used++] = (byte)(0x80 | c & 0x3F);
        }
        out.write(buffer, 0, used);
    }
}
