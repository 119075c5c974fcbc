package io.ringnsq.core;

import org.agrona.DirectBuffer;

/**
 * Topic and channel names, checked the same way everywhere (TCP, HTTP, lookupd): 1 to 64 bytes of
 * {@code [.a-zA-Z0-9_-]}, optionally ending in {@code #ephemeral} (the 64 includes the suffix).
 */
public final class Names
{
    public static final int MAX_LENGTH = 64;
    public static final String EPHEMERAL_SUFFIX = "#ephemeral";

    private static final byte[] SUFFIX = EPHEMERAL_SUFFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final boolean[] ALLOWED = new boolean[256];

    static
    {
        for (int c = 'a'; c <= 'z'; c++)
        {
            ALLOWED[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++)
        {
            ALLOWED[c] = true;
        }
        for (int c = '0'; c <= '9'; c++)
        {
            ALLOWED[c] = true;
        }
        ALLOWED['.'] = true;
        ALLOWED['_'] = true;
        ALLOWED['-'] = true;
    }

    private Names()
    {
    }

    /** Topic and channel names follow the same rule. */
    public static boolean isValid(final String name)
    {
        if (name == null)
        {
            return false;
        }
        final int length = name.length();
        if (length < 1 || length > MAX_LENGTH)
        {
            return false;
        }
        final int end = name.endsWith(EPHEMERAL_SUFFIX) ? length - SUFFIX.length : length;
        if (end < 1)
        {
            return false;
        }
        for (int i = 0; i < end; i++)
        {
            final char c = name.charAt(i);
            if (c > 0xFF || !ALLOWED[c])
            {
                return false;
            }
        }
        return true;
    }

    /** The same rule over raw bytes, so the decoder can check a name before making a String of it. */
    public static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || length > MAX_LENGTH)
        {
            return false;
        }
        final int end = endsWithSuffix(buffer, offset, length) ? length - SUFFIX.length : length;
        if (end < 1)
        {
            return false;
        }
        for (int i = 0; i < end; i++)
        {
            if (!ALLOWED[buffer.getByte(offset + i) & 0xFF])
            {
                return false;
            }
        }
        return true;
    }

    public static boolean isEphemeral(final String name)
    {
        return name.endsWith(EPHEMERAL_SUFFIX);
    }

    private static boolean endsWithSuffix(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < SUFFIX.length)
        {
            return false;
        }
        final int start = offset + length - SUFFIX.length;
        for (int i = 0; i < SUFFIX.length; i++)
        {
            if (buffer.getByte(start + i) != SUFFIX[i])
            {
                return false;
            }
        }
        return true;
    }
}
