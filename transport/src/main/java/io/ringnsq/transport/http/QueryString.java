package io.ringnsq.transport.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A raw query parsed exactly as Go's {@code url.ParseQuery}: pairs are split on {@code &}; a pair
 * holding {@code ;} is an error and is dropped; an empty pair is skipped; the key ends at the first
 * {@code =} (an empty key is kept, a missing value is empty); a key or value with a bad {@code %}
 * escape is an error and the pair is dropped; parsing goes on after every error. Values keep their
 * order, so the first one is Go's {@code Values.Get}.
 *
 * <p>Pairs are kept as offsets into the request's own bytes and decoded only when asked for; the
 * instance is reused by every request on a connection.
 */
public final class QueryString
{
    private byte[] bytes;
    /** Per pair: key start, key end, value start, value end. */
    private int[] pairs = new int[32];
    private int count;
    private boolean invalid;

    /** Parses {@code bytes[start, end)}; the bytes must stay unchanged while this is used. */
    public void parse(final byte[] bytes, final int start, final int end)
    {
        this.bytes = bytes;
        count = 0;
        invalid = false;
        int from = start;
        while (from < end)
        {
            int to = from;
            boolean semicolon = false;
            while (to < end && bytes[to] != '&')
            {
                semicolon |= bytes[to] == ';';
                to++;
            }
            addPair(from, to, semicolon);
            from = to + 1;
        }
    }

    private void addPair(final int start, final int end, final boolean semicolon)
    {
        if (semicolon)
        {
            invalid = true;
            return;
        }
        if (start == end)
        {
            return;
        }
        int equals = start;
        while (equals < end && bytes[equals] != '=')
        {
            equals++;
        }
        final int valueStart = Math.min(equals + 1, end);
        if (!UrlText.hasValidEscapes(bytes, start, equals) || !UrlText.hasValidEscapes(bytes, valueStart, end))
        {
            invalid = true;
            return;
        }
        if (4 * count + 4 > pairs.length)
        {
            pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
        }
        final int at = 4 * count++;
        pairs[at] = start;
        pairs[at + 1] = equals;
        pairs[at + 2] = valueStart;
        pairs[at + 3] = end;
    }

    /** Whether Go's ParseQuery returned an error (the pairs that parsed are still here). */
    public boolean isInvalid()
    {
        return invalid;
    }

    /** The number of pairs kept, in order. */
    public int size()
    {
        return count;
    }

    public String key(final int index)
    {
        checkIndex(index);
        return UrlText.decode(bytes, pairs[4 * index], pairs[4 * index + 1], true);
    }

    public String value(final int index)
    {
        checkIndex(index);
        return UrlText.decode(bytes, pairs[4 * index + 2], pairs[4 * index + 3], true);
    }

    /** The first value of {@code key}, or null when the key is absent (Go: "" for both). */
    public String get(final String key)
    {
        final int index = indexOf(key, 0);
        return index < 0 ? null : value(index);
    }

    /** Whether the key is present, even with an empty value. */
    public boolean has(final String key)
    {
        return indexOf(key, 0) >= 0;
    }

    /** Every value of {@code key}, in order. */
    public List<String> getAll(final String key)
    {
        int index = indexOf(key, 0);
        if (index < 0)
        {
            return Collections.emptyList();
        }
        final List<String> values = new ArrayList<>(2);
        while (index >= 0)
        {
            values.add(value(index));
            index = indexOf(key, index + 1);
        }
        return values;
    }

    private int indexOf(final String key, final int from)
    {
        for (int i = from; i < count; i++)
        {
            if (UrlText.decodedEquals(bytes, pairs[4 * i], pairs[4 * i + 1], true, key))
            {
                return i;
            }
        }
        return -1;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
