package io.ringnsq.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request as the server parsed it, in Go's terms: {@code method()}, {@code path()} (Go's
 * {@code URL.Path}, percent-decoded), {@code rawQuery()} and its parameters as {@code url.ParseQuery}
 * reads them, headers under Go's canonical names, and the body.
 *
 * <p>One instance per connection, reused by every request on it: the head is kept as bytes and
 * Strings are made only when asked for. Valid until the exchange is answered; copy what must live
 * longer.
 */
public final class HttpRequest
{
    /** What became of the body (see {@link BodyLimit#upTo(int)}). */
    public enum BodyStatus
    {
        /** All of it is in {@link #body()} (or there was none, or it was skipped). */
        COMPLETE,
        /** It declared, or reached, more than the limit; it was not read further and {@link #body()} is empty. */
        TOO_BIG,
        /** Its chunked framing was broken, or the client stopped sending it; {@link #body()} is empty. */
        UNREADABLE
    }

    static final byte[] NO_BODY = new byte[0];
    private static final String[] METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

    // ---- filled by RequestHeadParser, from the bytes of the head
    byte[] head = new byte[1024];
    int headLength;
    int methodEnd;
    int protoMinor;
    int targetStart;
    int targetEnd;
    int pathStart;
    int pathEnd;
    /** -1 without a '?'. */
    int queryStart = -1;
    int queryEnd;
    /** Per header: name start, name end, value start, value end. */
    int[] headers = new int[4 * 32];
    int headerCount;
    /** The declared length: 0 without a body, -1 when chunked. */
    long contentLength;
    boolean wantsClose;
    boolean wantsHttp10KeepAlive;
    boolean expectsContinue;
    boolean expectationFailed;

    // ---- filled by the handler
    byte[] body = NO_BODY;
    BodyStatus bodyStatus = BodyStatus.COMPLETE;
    String remoteAddress;

    private String method;
    private String path;
    private byte[] lastRawPath = NO_BODY;
    private String lastPath;
    private final QueryString query = new QueryString();
    private boolean queryParsed;

    /** Forgets the previous request's derived values; the parser fills the rest. */
    void reset()
    {
        method = null;
        path = null;
        queryParsed = false;
        queryStart = -1;
        headerCount = 0;
        contentLength = 0;
        wantsClose = false;
        wantsHttp10KeepAlive = false;
        expectsContinue = false;
        expectationFailed = false;
        body = NO_BODY;
        bodyStatus = BodyStatus.COMPLETE;
    }

    /** The method as sent (methods are case-sensitive); the common ones are constants. */
    public String method()
    {
        if (method == null)
        {
            for (final String m : METHODS)
            {
                if (rangeEquals(0, methodEnd, m))
                {
                    method = m;
                    return m;
                }
            }
            method = new String(head, 0, methodEnd, StandardCharsets.US_ASCII);
        }
        return method;
    }

    public boolean isHead()
    {
        return rangeEquals(0, methodEnd, "HEAD");
    }

    /** The percent-decoded path ({@code "*"} for {@code OPTIONS *}, "" for an authority or opaque target). */
    public String path()
    {
        if (path == null)
        {
            path = decodedPath();
        }
        return path;
    }

    /** The path as sent, still escaped. */
    public String rawPath()
    {
        return new String(head, pathStart, pathEnd - pathStart, StandardCharsets.UTF_8);
    }

    /** The request target as sent (Go's {@code RequestURI}). */
    public String requestUri()
    {
        return new String(head, targetStart, targetEnd - targetStart, StandardCharsets.UTF_8);
    }

    /** What follows the first '?', as sent ("" when there is none). */
    public String rawQuery()
    {
        return queryStart < 0 ? "" : new String(head, queryStart, queryEnd - queryStart, StandardCharsets.UTF_8);
    }

    /** The query parameters (Go's {@code url.ParseQuery(RawQuery)}), parsed on first use. */
    public QueryString query()
    {
        if (!queryParsed)
        {
            if (queryStart < 0)
            {
                query.parse(head, 0, 0);
            }
            else
            {
                query.parse(head, queryStart, queryEnd);
            }
            queryParsed = true;
        }
        return query;
    }

    /** The first value of a query parameter, or null when absent. */
    public String query(final String key)
    {
        return query().get(key);
    }

    /** Major version: always 1 (other versions are refused with 505). */
    public int protocolMajor()
    {
        return 1;
    }

    public int protocolMinor()
    {
        return protoMinor;
    }

    /** Whether the request is HTTP/1.1 or later (Go's {@code ProtoAtLeast(1, 1)}). */
    public boolean isHttp11()
    {
        return protoMinor >= 1;
    }

    public int headerCount()
    {
        return headerCount;
    }

    /** The canonical name of the {@code index}-th header, in the order received. */
    public String headerName(final int index)
    {
        checkHeader(index);
        return latin1(headers[4 * index], headers[4 * index + 1]);
    }

    /** Header values are byte strings: one char per byte (ISO-8859-1). */
    public String headerValue(final int index)
    {
        checkHeader(index);
        return latin1(headers[4 * index + 2], headers[4 * index + 3]);
    }

    /** The first value of a header (any case), or null. */
    public String header(final String name)
    {
        final int index = headerIndex(name, 0);
        return index < 0 ? null : headerValue(index);
    }

    /** Every value of a header, in order. */
    public List<String> headers(final String name)
    {
        int index = headerIndex(name, 0);
        if (index < 0)
        {
            return Collections.emptyList();
        }
        final List<String> values = new ArrayList<>(2);
        while (index >= 0)
        {
            values.add(headerValue(index));
            index = headerIndex(name, index + 1);
        }
        return values;
    }

    /** The declared Content-Length: 0 without a body, -1 for a chunked body. */
    public long contentLength()
    {
        return contentLength;
    }

    /** The body (empty when there is none, or when the service chose {@link BodyLimit#DISCARD}). */
    public byte[] body()
    {
        return body;
    }

    /** Whether the body came whole; only a service reading with {@link BodyLimit#upTo(int)} sees anything else. */
    public BodyStatus bodyStatus()
    {
        return bodyStatus;
    }

    public String remoteAddress()
    {
        return remoteAddress;
    }

    @Override
    public String toString()
    {
        return new String(head, 0, Math.max(0, targetEnd), StandardCharsets.UTF_8);
    }

    int headerIndex(final String name, final int from)
    {
        for (int i = from; i < headerCount; i++)
        {
            if (HttpTokens.equalsIgnoreCase(head, headers[4 * i], headers[4 * i + 1], name))
            {
                return i;
            }
        }
        return -1;
    }

    private String decodedPath()
    {
        final int length = pathEnd - pathStart;
        // a keep-alive client asks for the same path again and again: reuse its String
        if (length == lastRawPath.length && lastPath != null
            && java.util.Arrays.equals(head, pathStart, pathEnd, lastRawPath, 0, length))
        {
            return lastPath;
        }
        lastRawPath = java.util.Arrays.copyOfRange(head, pathStart, pathEnd);
        lastPath = UrlText.decode(head, pathStart, pathEnd, false);
        return lastPath;
    }

    private boolean rangeEquals(final int start, final int end, final String text)
    {
        if (end - start != text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (head[start + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private String latin1(final int start, final int end)
    {
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private void checkHeader(final int index)
    {
        if (index < 0 || index >= headerCount)
        {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
