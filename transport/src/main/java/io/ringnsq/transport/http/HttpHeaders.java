package io.ringnsq.transport.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A response's own headers, immutable and encoded once: build them when the service starts (one per
 * kind of answer) and every response reuses the bytes. Names are canonicalized as Go's
 * {@code Header.Set} does ({@code X-NSQ-Content-Type} becomes {@code X-Nsq-Content-Type}) and written
 * sorted by name, values of one name in the order given, as Go's {@code Header.Write} does; a CR or LF
 * in a value becomes a space and the value is trimmed.
 *
 * <p>The server frames every response itself, so {@code Content-Length}, {@code Transfer-Encoding}
 * and {@code Connection} are refused here; {@code Date} is written by the server unless set here,
 * and {@code Content-Type} is sniffed from the body (as Go does) unless set here.
 */
public final class HttpHeaders
{
    public static final HttpHeaders EMPTY = new HttpHeaders(new String[0], new String[0]);
    /** What Go's 417 answer carries. */
    static final HttpHeaders CONNECTION_CLOSE = new HttpHeaders(new String[] {"Connection"}, new String[] {"close"});

    private final String[] names;
    private final String[] values;
    private final byte[] encoded;
    private final byte[] encodedWithoutContentType;
    private final boolean hasContentType;
    private final boolean hasDate;

    private HttpHeaders(final String[] names, final String[] values)
    {
        this.names = names;
        this.values = values;
        this.encoded = encode(names, values, false);
        this.hasContentType = indexOf("Content-Type") >= 0;
        this.hasDate = indexOf("Date") >= 0;
        this.encodedWithoutContentType = hasContentType ? encode(names, values, true) : encoded;
    }

    /** Headers from name, value pairs: {@code of("X-NSQ-Content-Type", "nsq; version=1.0")}. */
    public static HttpHeaders of(final String... namesAndValues)
    {
        if (namesAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        final int count = namesAndValues.length / 2;
        final String[] names = new String[count];
        final String[] values = new String[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = checkName(namesAndValues[2 * i]);
            values[i] = cleanValue(namesAndValues[2 * i + 1]);
        }
        // a stable sort keeps the values of one name in the order given
        final Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> names[i]));
        final String[] sortedNames = new String[count];
        final String[] sortedValues = new String[count];
        for (int i = 0; i < count; i++)
        {
            sortedNames[i] = names[order[i]];
            sortedValues[i] = values[order[i]];
        }
        return new HttpHeaders(sortedNames, sortedValues);
    }

    /** These headers and one more value (allocates: meant for building constants). */
    public HttpHeaders with(final String name, final String value)
    {
        final String[] pairs = new String[2 * names.length + 2];
        for (int i = 0; i < names.length; i++)
        {
            pairs[2 * i] = names[i];
            pairs[2 * i + 1] = values[i];
        }
        pairs[pairs.length - 2] = name;
        pairs[pairs.length - 1] = value;
        return of(pairs);
    }

    public int size()
    {
        return names.length;
    }

    /** The canonical name of the {@code index}-th header, in the order written. */
    public String name(final int index)
    {
        return names[index];
    }

    public String value(final int index)
    {
        return values[index];
    }

    /** The first value of a header (any case), or null. */
    public String get(final String name)
    {
        final int index = indexOf(HttpTokens.canonicalKey(name));
        return index < 0 ? null : values[index];
    }

    boolean hasContentType()
    {
        return hasContentType;
    }

    boolean hasDate()
    {
        return hasDate;
    }

    /** "Name: value\r\n" for every header; a 304 leaves Content-Type out, as Go does. */
    byte[] encoded(final boolean withoutContentType)
    {
        return withoutContentType ? encodedWithoutContentType : encoded;
    }

    @Override
    public String toString()
    {
        return new String(encoded, StandardCharsets.UTF_8);
    }

    private int indexOf(final String canonicalName)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(canonicalName))
            {
                return i;
            }
        }
        return -1;
    }

    private static String checkName(final String name)
    {
        final String canonical = HttpTokens.canonicalKey(name);
        final byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        if (!HttpTokens.isTokenRange(bytes, 0, bytes.length))
        {
            throw new IllegalArgumentException("invalid header name \"" + name + "\"");
        }
        if (canonical.equals("Content-Length") || canonical.equals("Transfer-Encoding") || canonical.equals("Connection"))
        {
            throw new IllegalArgumentException(canonical + " is written by the server");
        }
        return canonical;
    }

    /** Go's headerNewlineToSpace then textproto.TrimString. */
    private static String cleanValue(final String value)
    {
        final String spaced = value.replace('\r', ' ').replace('\n', ' ');
        int start = 0;
        int end = spaced.length();
        while (start < end && isSpace(spaced.charAt(start)))
        {
            start++;
        }
        while (end > start && isSpace(spaced.charAt(end - 1)))
        {
            end--;
        }
        return spaced.substring(start, end);
    }

    private static boolean isSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static byte[] encode(final String[] names, final String[] values, final boolean withoutContentType)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++)
        {
            if (withoutContentType && names[i].equals("Content-Type"))
            {
                continue;
            }
            out.writeBytes(names[i].getBytes(StandardCharsets.UTF_8));
            out.write(':');
            out.write(' ');
            out.writeBytes(values[i].getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
