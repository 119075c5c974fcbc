package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;

/**
 * Go's {@code http.DetectContentType} (the WHATWG mime-sniffing table, first 512 bytes): what Go
 * sends as {@code Content-Type} when a handler sets none, e.g. {@code text/plain; charset=utf-8}
 * for nsqd's {@code OK}.
 */
public final class ContentSniffer
{
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final String HTML = "text/html; charset=utf-8";
    private static final int SNIFF_LENGTH = 512;

    private static final String[] HTML_TAGS = {
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    };

    /** The signatures after the HTML ones, in Go's order; the null entry is where Go checks for MP4. */
    private static final Signature[] SIGNATURES = {
        masked("\u00FF\u00FF\u00FF\u00FF\u00FF", "<?xml", "text/xml; charset=utf-8", true),
        exact("%PDF-", "application/pdf"),
        exact("%!PS-Adobe-", "application/postscript"),
        masked("\u00FF\u00FF\u0000\u0000", "\u00FE\u00FF\u0000\u0000", "text/plain; charset=utf-16be", false),
        masked("\u00FF\u00FF\u0000\u0000", "\u00FF\u00FE\u0000\u0000", "text/plain; charset=utf-16le", false),
        masked("\u00FF\u00FF\u00FF\u0000", "\u00EF\u00BB\u00BF\u0000", TEXT_PLAIN, false),
        exact("\u0000\u0000\u0001\u0000", "image/x-icon"),
        exact("\u0000\u0000\u0002\u0000", "image/x-icon"),
        exact("BM", "image/bmp"),
        exact("GIF87a", "image/gif"),
        exact("GIF89a", "image/gif"),
        masked("\u00FF\u00FF\u00FF\u00FF\u0000\u0000\u0000\u0000\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF",
            "RIFF\u0000\u0000\u0000\u0000WEBPVP", "image/webp", false),
        exact("\u0089PNG\r\n\u001A\n", "image/png"),
        exact("\u00FF\u00D8\u00FF", "image/jpeg"),
        masked("\u00FF\u00FF\u00FF\u00FF\u0000\u0000\u0000\u0000\u00FF\u00FF\u00FF\u00FF", "FORM\u0000\u0000\u0000\u0000AIFF",
            "audio/aiff", false),
        masked("\u00FF\u00FF\u00FF", "ID3", "audio/mpeg", false),
        masked("\u00FF\u00FF\u00FF\u00FF\u00FF", "OggS\u0000", "application/ogg", false),
        masked("\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF", "MThd\u0000\u0000\u0000\u0006", "audio/midi", false),
        masked("\u00FF\u00FF\u00FF\u00FF\u0000\u0000\u0000\u0000\u00FF\u00FF\u00FF\u00FF", "RIFF\u0000\u0000\u0000\u0000AVI ",
            "video/avi", false),
        masked("\u00FF\u00FF\u00FF\u00FF\u0000\u0000\u0000\u0000\u00FF\u00FF\u00FF\u00FF", "RIFF\u0000\u0000\u0000\u0000WAVE",
            "audio/wave", false),
        null, // video/mp4, matched by code
        exact("\u001A\u0045\u00DF\u00A3", "video/webm"),
        masked("\u0000".repeat(34) + "\u00FF\u00FF", "\u0000".repeat(34) + "LP", "application/vnd.ms-fontobject", false),
        exact("\u0000\u0001\u0000\u0000", "font/ttf"),
        exact("OTTO", "font/otf"),
        exact("ttcf", "font/collection"),
        exact("wOFF", "font/woff"),
        exact("wOF2", "font/woff2"),
        exact("\u001F\u008B\u0008", "application/x-gzip"),
        exact("PK\u0003\u0004", "application/zip"),
        exact("Rar!\u001A\u0007\u0000", "application/x-rar-compressed"),
        exact("Rar!\u001A\u0007\u0001\u0000", "application/x-rar-compressed"),
        exact("\u0000asm", "application/wasm"),
    };

    private ContentSniffer()
    {
    }

    /** The content type Go would send for a body starting with these bytes. */
    public static String detect(final byte[] data, final int offset, final int length)
    {
        final int end = offset + Math.min(length, SNIFF_LENGTH);
        int firstNonWs = offset;
        while (firstNonWs < end && isWhitespace(data[firstNonWs]))
        {
            firstNonWs++;
        }
        for (final String tag : HTML_TAGS)
        {
            if (matchesHtml(data, firstNonWs, end, tag))
            {
                return HTML;
            }
        }
        for (final Signature s : SIGNATURES)
        {
            if (s == null)
            {
                if (isMp4(data, offset, end))
                {
                    return "video/mp4";
                }
            }
            else if (s.matches(data, s.skipWhitespace ? firstNonWs : offset, end))
            {
                return s.type;
            }
        }
        for (int i = firstNonWs; i < end; i++)
        {
            final int b = data[i] & 0xff;
            if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F))
            {
                return OCTET_STREAM;
            }
        }
        return TEXT_PLAIN;
    }

    private static boolean matchesHtml(final byte[] data, final int from, final int end, final String tag)
    {
        if (end - from < tag.length() + 1)
        {
            return false;
        }
        for (int i = 0; i < tag.length(); i++)
        {
            final char t = tag.charAt(i);
            int b = data[from + i] & 0xff;
            if (t >= 'A' && t <= 'Z')
            {
                b &= 0xDF;
            }
            if (b != t)
            {
                return false;
            }
        }
        final byte next = data[from + tag.length()];
        return next == ' ' || next == '>';
    }

    private static boolean isMp4(final byte[] data, final int offset, final int end)
    {
        final int length = end - offset;
        if (length < 12)
        {
            return false;
        }
        final long boxSize = ((data[offset] & 0xffL) << 24) | ((data[offset + 1] & 0xff) << 16)
            | ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
        if (length < boxSize || boxSize % 4 != 0)
        {
            return false;
        }
        if (data[offset + 4] != 'f' || data[offset + 5] != 't' || data[offset + 6] != 'y' || data[offset + 7] != 'p')
        {
            return false;
        }
        for (int at = 8; at < boxSize; at += 4)
        {
            if (at == 12)
            {
                continue; // the major brand's version number
            }
            if (data[offset + at] == 'm' && data[offset + at + 1] == 'p' && data[offset + at + 2] == '4')
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isWhitespace(final byte b)
    {
        return b == '\t' || b == '\n' || b == 0x0C || b == '\r' || b == ' ';
    }

    private static Signature exact(final String pattern, final String type)
    {
        return new Signature(null, latin1(pattern), type, false);
    }

    private static Signature masked(final String mask, final String pattern, final String type, final boolean skipWhitespace)
    {
        return new Signature(latin1(mask), latin1(pattern), type, skipWhitespace);
    }

    private static byte[] latin1(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An exact prefix (no mask) or Go's maskedSig. */
    private record Signature(byte[] mask, byte[] pattern, String type, boolean skipWhitespace)
    {
        boolean matches(final byte[] data, final int from, final int end)
        {
            if (end - from < pattern.length)
            {
                return false;
            }
            for (int i = 0; i < pattern.length; i++)
            {
                final int b = mask == null ? data[from + i] : data[from + i] & mask[i];
                if ((byte)b != pattern[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
