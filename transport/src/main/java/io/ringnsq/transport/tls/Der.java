package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER (X.690) to wrap a PKCS#1 or SEC1 private key into PKCS#8 and read the few fields that
 * takes: definite lengths, single-byte tags. Malformed input raises {@link IllegalArgumentException}.
 */
final class Der
{
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, context-specific: SEC1's curve parameters. */
    static final int CONTEXT_0 = 0xa0;

    private Der()
    {
    }

    /** One element: {@code tag}, its length and its contents, concatenated. */
    static byte[] encode(final int tag, final byte[]... contents)
    {
        int length = 0;
        for (final byte[] part : contents)
        {
            length += part.length;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80)
        {
            out.write(length);
        }
        else
        {
            final int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
            {
                out.write(length >>> shift);
            }
        }
        for (final byte[] part : contents)
        {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** One element read from a buffer: the tag, and where its contents and whole encoding lie. */
    record Element(int tag, byte[] source, int start, int contentStart, int end)
    {
        /** The whole encoding: tag, length and contents. */
        byte[] encoded()
        {
            return Arrays.copyOfRange(source, start, end);
        }

        byte[] contents()
        {
            return Arrays.copyOfRange(source, contentStart, end);
        }

        /** A reader over the contents of this (constructed) element. */
        Reader open()
        {
            return new Reader(source, contentStart, end);
        }
    }

    /** Reads consecutive elements between two offsets. */
    static final class Reader
    {
        private final byte[] source;
        private final int end;
        private int position;

        Reader(final byte[] source)
        {
            this(source, 0, source.length);
        }

        Reader(final byte[] source, final int start, final int end)
        {
            this.source = source;
            this.position = start;
            this.end = end;
        }

        boolean hasMore()
        {
            return position < end;
        }

        /** The next element, which must have tag {@code expectedTag}. */
        Element next(final int expectedTag)
        {
            final Element element = next();
            if (element.tag() != expectedTag)
            {
                throw new IllegalArgumentException(
                    "DER tag 0x" + Integer.toHexString(element.tag()) + " where 0x" + Integer.toHexString(expectedTag) + " was expected");
            }
            return element;
        }

        Element next()
        {
            final int start = position;
            final int tag = readByte();
            if ((tag & 0x1f) == 0x1f)
            {
                throw new IllegalArgumentException("multi-byte DER tags are not used here");
            }
            int length = readByte();
            if (length >= 0x80)
            {
                final int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3)
                {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++)
                {
                    length = (length << 8) | readByte();
                }
            }
            final int contentStart = position;
            if (length > end - contentStart)
            {
                throw new IllegalArgumentException("truncated DER");
            }
            position = contentStart + length;
            return new Element(tag, source, start, contentStart, position);
        }

        private int readByte()
        {
            if (position >= end)
            {
                throw new IllegalArgumentException("truncated DER");
            }
            return source[position++] & 0xff;
        }
    }
}
