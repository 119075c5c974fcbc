package io.ringnsq.transport.http;

/**
 * Byte classes and small scans of HTTP/1.1 text, as Go's net/http and httpguts define them: token
 * characters, header name canonicalization, valid header values and hosts, and the comma/space
 * separated token search Go uses for {@code Connection} and {@code Expect}.
 */
final class HttpTokens
{
    private static final boolean[] TOKEN = new boolean[128];
    private static final boolean[] HOST = new boolean[128];

    static
    {
        for (int c = '0'; c <= '9'; c++)
        {
            TOKEN[c] = true;
            HOST[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++)
        {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
            HOST[c] = true;
            HOST[c - 32] = true;
        }
        for (final char c : "!#$%&'*+-.^_`|~".toCharArray())
        {
            TOKEN[c] = true;
        }
        // httpguts.validHostByte: unreserved, sub-delims, ':' and brackets for IPv6, '%' for zones
        for (final char c : "!$%&'()*+,-.:;=[]_~".toCharArray())
        {
            HOST[c] = true;
        }
    }

    private HttpTokens()
    {
    }

    /** A tchar of RFC 7230 (Go's {@code isTokenTable}). */
    static boolean isToken(final int b)
    {
        return b >= 0 && b < 128 && TOKEN[b];
    }

    /** Go's {@code httpguts.ValidHeaderFieldValue} per byte: no control bytes except horizontal tab. */
    static boolean isFieldValueByte(final int b)
    {
        return (b >= 0x20 && b != 0x7f) || b == '\t' || b >= 0x80;
    }

    /** Go's {@code httpguts.ValidHostHeader} per byte. */
    static boolean isHostByte(final int b)
    {
        return b >= 0x80 || HOST[b];
    }

    static boolean isTokenRange(final byte[] bytes, final int start, final int end)
    {
        if (start >= end)
        {
            return false;
        }
        for (int i = start; i < end; i++)
        {
            if (!isToken(bytes[i] & 0xff))
            {
                return false;
            }
        }
        return true;
    }

    /** Go's canonical header key, in place: upper case first and after each '-', lower case elsewhere. */
    static void canonicalize(final byte[] bytes, final int start, final int end)
    {
        boolean upper = true;
        for (int i = start; i < end; i++)
        {
            byte c = bytes[i];
            if (upper && c >= 'a' && c <= 'z')
            {
                c -= 32;
            }
            else if (!upper && c >= 'A' && c <= 'Z')
            {
                c += 32;
            }
            bytes[i] = c;
            upper = c == '-';
        }
    }

    /** Go's {@code CanonicalHeaderKey}: a key with a non-token byte is returned unchanged. */
    static String canonicalKey(final String key)
    {
        final byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!isTokenRange(bytes, 0, bytes.length) || key.length() != bytes.length)
        {
            return key;
        }
        canonicalize(bytes, 0, bytes.length);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** ASCII case-insensitive comparison of a byte range with a name. */
    static boolean equalsIgnoreCase(final byte[] bytes, final int start, final int end, final String name)
    {
        if (end - start != name.length())
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (lower(bytes[start + i]) != lower(name.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Go's {@code hasToken}: whether {@code token} (lower case) appears in the range, ASCII
     * case-insensitively, bounded by the range's ends, spaces, tabs or commas.
     */
    static boolean hasToken(final byte[] bytes, final int start, final int end, final String token)
    {
        final int length = token.length();
        for (int at = start; at + length <= end; at++)
        {
            if (at > start && !isTokenBoundary(bytes[at - 1]))
            {
                continue;
            }
            final int after = at + length;
            if (after != end && !isTokenBoundary(bytes[after]))
            {
                continue;
            }
            if (equalsIgnoreCase(bytes, at, after, token))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isTokenBoundary(final byte b)
    {
        return b == ' ' || b == ',' || b == '\t';
    }

    private static int lower(final int c)
    {
        return c >= 'A' && c <= 'Z' ? c + 32 : c & 0xff;
    }
}
