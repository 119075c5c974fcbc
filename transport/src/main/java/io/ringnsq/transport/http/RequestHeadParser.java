package io.ringnsq.transport.http;

/**
 * Parses a complete request head (request line, header lines, the empty line) the way Go's
 * {@code http.readRequest}, {@code textproto.ReadMIMEHeader} and the server's checks after them do,
 * in the same order, so a bad request gets the same answer Go gives it. Works in place on the
 * request's own copy of the head: names are canonicalized and folded lines joined inside it.
 */
final class RequestHeadParser
{
    static final int OK = 0;
    /** "400 Bad Request". */
    static final int BAD_REQUEST = 1;
    /** "400 Bad Request: missing required Host header". */
    static final int MISSING_HOST = 2;
    /** "400 Bad Request: malformed Host header". */
    static final int MALFORMED_HOST = 3;
    /** "400 Bad Request: invalid header value". */
    static final int INVALID_HEADER_VALUE = 4;
    /** 501: a Transfer-Encoding other than one "chunked". */
    static final int UNSUPPORTED_TRANSFER_ENCODING = 5;
    /** 505: a major version other than 1. */
    static final int UNSUPPORTED_VERSION = 6;

    private RequestHeadParser()
    {
    }

    /** Parses {@code request.head[0, request.headLength)}, which ends with an empty line. */
    static int parse(final HttpRequest r)
    {
        final byte[] h = r.head;
        final int n = r.headLength;
        final int firstNewline = indexOf(h, (byte)'\n', 0, n);
        final int lineEnd = firstNewline > 0 && h[firstNewline - 1] == '\r' ? firstNewline - 1 : firstNewline;

        // request line: Go cuts at the first space, then at the next one
        final int space1 = indexOf(h, (byte)' ', 0, lineEnd);
        final int space2 = space1 < 0 ? -1 : indexOf(h, (byte)' ', space1 + 1, lineEnd);
        if (space2 < 0 || !HttpTokens.isTokenRange(h, 0, space1))
        {
            return BAD_REQUEST;
        }
        r.methodEnd = space1;
        final int major = parseVersion(h, space2 + 1, lineEnd, r);
        if (major < 0)
        {
            return BAD_REQUEST;
        }
        r.targetStart = space1 + 1;
        r.targetEnd = space2;
        if (!parseTarget(h, space1 + 1, space2, r))
        {
            return BAD_REQUEST;
        }
        if (!parseHeaders(h, firstNewline + 1, n, r))
        {
            return BAD_REQUEST;
        }
        return checkHeaders(r, major);
    }

    // ---------------------------------------------------------------- request line

    /** Go's ParseHTTPVersion: "HTTP/X.Y" with one digit each. Returns the major version, or -1. */
    private static int parseVersion(final byte[] h, final int start, final int end, final HttpRequest r)
    {
        if (end - start != 8 || h[start] != 'H' || h[start + 1] != 'T' || h[start + 2] != 'T' || h[start + 3] != 'P'
            || h[start + 4] != '/' || h[start + 6] != '.' || !isDigit(h[start + 5]) || !isDigit(h[start + 7]))
        {
            return -1;
        }
        r.protoMinor = h[start + 7] - '0';
        return h[start + 5] - '0';
    }

    /** Go's url.ParseRequestURI (and readRequest's CONNECT authority form). */
    private static boolean parseTarget(final byte[] h, final int start, final int end, final HttpRequest r)
    {
        if (start == end)
        {
            return false;
        }
        for (int i = start; i < end; i++)
        {
            final int b = h[i] & 0xff;
            if (b < 0x20 || b == 0x7f)
            {
                return false;
            }
        }
        r.pathStart = start;
        r.pathEnd = start;
        if (end - start == 1 && h[start] == '*')
        {
            r.pathEnd = end;
            return true;
        }
        final boolean authorityForm = r.methodEnd == 7 && startsWith(h, 0, "CONNECT") && h[start] != '/';
        int rest = start;
        boolean scheme = authorityForm;
        if (!authorityForm)
        {
            final int colon = schemeEnd(h, start, end);
            if (colon == start)
            {
                return false; // "missing protocol scheme"
            }
            if (colon > start)
            {
                scheme = true;
                rest = colon + 1;
            }
        }
        final int restEnd = splitQuery(h, rest, end, r);
        if (authorityForm)
        {
            final int slash = indexOf(h, (byte)'/', rest, restEnd);
            final int authorityEnd = slash < 0 ? restEnd : slash;
            if (!isValidAuthority(h, rest, authorityEnd))
            {
                return false;
            }
            rest = authorityEnd;
        }
        else if (rest == restEnd || h[rest] != '/')
        {
            if (!scheme)
            {
                return false; // "invalid URI for request"
            }
            return true; // an opaque URL: no path
        }
        else if (scheme && restEnd - rest >= 2 && h[rest + 1] == '/')
        {
            final int slash = indexOf(h, (byte)'/', rest + 2, restEnd);
            final int authorityEnd = slash < 0 ? restEnd : slash;
            if (!isValidAuthority(h, rest + 2, authorityEnd))
            {
                return false;
            }
            rest = authorityEnd;
        }
        r.pathStart = rest;
        r.pathEnd = restEnd;
        return UrlText.hasValidEscapes(h, rest, restEnd);
    }

    /** Go's getScheme: the index of the scheme's ':', or -1 when there is no scheme. */
    private static int schemeEnd(final byte[] h, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            final byte c = h[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
            {
                if (i == start)
                {
                    return -1;
                }
                continue;
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    /** Sets the raw query and returns where the path part ends (Go's ForceQuery case included). */
    private static int splitQuery(final byte[] h, final int start, final int end, final HttpRequest r)
    {
        final int question = indexOf(h, (byte)'?', start, end);
        if (question < 0)
        {
            r.queryStart = -1;
            return end;
        }
        r.queryStart = question + 1;
        r.queryEnd = end;
        return question;
    }

    /** Go's parseAuthority and parseHost, as far as a server can be given them. */
    private static boolean isValidAuthority(final byte[] h, final int start, final int end)
    {
        int hostStart = start;
        for (int i = end - 1; i >= start; i--)
        {
            if (h[i] == '@')
            {
                hostStart = i + 1;
                break;
            }
        }
        for (int i = start; i < hostStart - 1; i++)
        {
            if (!isUserinfoByte(h[i]))
            {
                return false;
            }
        }
        int portColon = -1;
        if (hostStart < end && h[hostStart] == '[')
        {
            final int close = indexOf(h, (byte)']', hostStart, end);
            if (close < 0)
            {
                return false;
            }
            if (close + 1 < end)
            {
                if (h[close + 1] != ':')
                {
                    return false;
                }
                portColon = close + 1;
            }
        }
        else
        {
            for (int i = end - 1; i >= hostStart; i--)
            {
                if (h[i] == ':')
                {
                    portColon = i;
                    break;
                }
            }
        }
        if (portColon >= 0)
        {
            for (int i = portColon + 1; i < end; i++)
            {
                if (!isDigit(h[i]))
                {
                    return false; // "invalid port"
                }
            }
        }
        for (int i = hostStart; i < end; i++)
        {
            final int b = h[i] & 0xff;
            if (b == '%')
            {
                if (i + 2 >= end || UrlText.hex(h[i + 1]) < 0 || UrlText.hex(h[i + 2]) < 0)
                {
                    return false;
                }
                i += 2;
            }
            else if (b < 0x80 && !isHostUrlByte(b))
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- header lines

    /** Go's ReadMIMEHeader: folded lines joined with one space, names canonicalized, empty names skipped. */
    private static boolean parseHeaders(final byte[] h, final int start, final int n, final HttpRequest r)
    {
        int at = start;
        boolean first = true;
        boolean lastSkipped = false;
        while (at < n)
        {
            final int newline = indexOf(h, (byte)'\n', at, n);
            final int lineEnd = newline > at && h[newline - 1] == '\r' ? newline - 1 : newline;
            if (lineEnd == at)
            {
                return true; // the empty line
            }
            if (h[at] == ' ' || h[at] == '\t')
            {
                if (first)
                {
                    return false; // "malformed MIME header initial line"
                }
                if (!lastSkipped)
                {
                    appendContinuation(h, at, lineEnd, r);
                }
                at = newline + 1;
                continue;
            }
            first = false;
            final int colon = indexOf(h, (byte)':', at, lineEnd);
            if (colon < 0)
            {
                return false; // "malformed MIME header: missing colon"
            }
            lastSkipped = colon == at;
            if (!lastSkipped)
            {
                if (!HttpTokens.isTokenRange(h, at, colon))
                {
                    return false; // not a token: Go refuses the header line
                }
                HttpTokens.canonicalize(h, at, colon);
                int valueStart = colon + 1;
                final int valueEnd = trimEnd(h, valueStart, lineEnd);
                while (valueStart < valueEnd && (h[valueStart] == ' ' || h[valueStart] == '\t'))
                {
                    valueStart++;
                }
                addHeader(r, at, colon, valueStart, valueEnd);
            }
            at = newline + 1;
        }
        return true;
    }

    /** Moves a folded line's trimmed text behind the previous value (it is always further on). */
    private static void appendContinuation(final byte[] h, final int start, final int end, final HttpRequest r)
    {
        int from = start;
        while (from < end && (h[from] == ' ' || h[from] == '\t'))
        {
            from++;
        }
        final int to = trimEnd(h, from, end);
        final int last = 4 * (r.headerCount - 1);
        int valueEnd = r.headers[last + 3];
        if (valueEnd > r.headers[last + 2])
        {
            h[valueEnd++] = ' ';
        }
        System.arraycopy(h, from, h, valueEnd, to - from);
        r.headers[last + 3] = valueEnd + to - from;
    }

    private static void addHeader(final HttpRequest r, final int nameStart, final int nameEnd, final int valueStart, final int valueEnd)
    {
        if (4 * r.headerCount + 4 > r.headers.length)
        {
            r.headers = java.util.Arrays.copyOf(r.headers, r.headers.length * 2);
        }
        final int at = 4 * r.headerCount++;
        r.headers[at] = nameStart;
        r.headers[at + 1] = nameEnd;
        r.headers[at + 2] = valueStart;
        r.headers[at + 3] = valueEnd;
    }

    // ---------------------------------------------------------------- what the headers mean

    /** readRequest's Host count and readTransfer, then the server's version, Host and value checks. */
    private static int checkHeaders(final HttpRequest r, final int major)
    {
        final byte[] h = r.head;
        final int[] hs = r.headers;
        int hosts = 0;
        int host = -1;
        int transferEncodings = 0;
        int transferEncoding = -1;
        int contentLength = -1;
        int connection = -1;
        int expect = -1;
        boolean closeToken = false;
        boolean keepAliveToken = false;
        for (int i = 0; i < r.headerCount; i++)
        {
            final int ns = hs[4 * i];
            final int ne = hs[4 * i + 1];
            final int vs = hs[4 * i + 2];
            final int ve = hs[4 * i + 3];
            if (isName(h, ns, ne, "Host"))
            {
                hosts++;
                host = i;
            }
            else if (isName(h, ns, ne, "Transfer-Encoding"))
            {
                transferEncodings++;
                transferEncoding = i;
            }
            else if (isName(h, ns, ne, "Content-Length"))
            {
                if (contentLength < 0)
                {
                    contentLength = i;
                }
                else if (!sameBytes(h, hs[4 * contentLength + 2], hs[4 * contentLength + 3], vs, ve))
                {
                    return BAD_REQUEST; // "multiple Content-Length headers"
                }
            }
            else if (isName(h, ns, ne, "Connection"))
            {
                if (connection < 0)
                {
                    connection = i;
                }
                closeToken |= HttpTokens.hasToken(h, vs, ve, "close");
                keepAliveToken |= HttpTokens.hasToken(h, vs, ve, "keep-alive");
            }
            else if (isName(h, ns, ne, "Expect") && expect < 0)
            {
                expect = i;
            }
        }
        if (hosts > 1)
        {
            return BAD_REQUEST; // "too many Host headers"
        }
        final boolean http11 = major > 1 || r.protoMinor >= 1;
        r.contentLength = 0;
        if (transferEncodings > 0 && http11)
        {
            // like nginx, Go takes exactly one Transfer-Encoding, "chunked"; HTTP/1.0 ignores it
            if (transferEncodings > 1
                || !HttpTokens.equalsIgnoreCase(h, hs[4 * transferEncoding + 2], hs[4 * transferEncoding + 3], "chunked"))
            {
                return UNSUPPORTED_TRANSFER_ENCODING;
            }
            r.contentLength = -1;
        }
        else if (contentLength >= 0)
        {
            final long length = parseContentLength(h, hs[4 * contentLength + 2], hs[4 * contentLength + 3]);
            if (length < 0)
            {
                return BAD_REQUEST; // "bad Content-Length"
            }
            r.contentLength = length;
        }
        if (major != 1)
        {
            return UNSUPPORTED_VERSION;
        }
        if (http11 && host < 0 && !r.method().equals("CONNECT"))
        {
            return MISSING_HOST;
        }
        if (host >= 0)
        {
            for (int i = hs[4 * host + 2]; i < hs[4 * host + 3]; i++)
            {
                if (!HttpTokens.isHostByte(h[i] & 0xff))
                {
                    return MALFORMED_HOST;
                }
            }
        }
        for (int i = 0; i < r.headerCount; i++)
        {
            for (int j = hs[4 * i + 2]; j < hs[4 * i + 3]; j++)
            {
                if (!HttpTokens.isFieldValueByte(h[j] & 0xff))
                {
                    return INVALID_HEADER_VALUE;
                }
            }
        }

        // Go's shouldClose, wantsClose and wantsHttp10KeepAlive
        if (http11)
        {
            r.wantsClose = closeToken;
        }
        else
        {
            r.wantsClose = closeToken || !keepAliveToken;
            r.wantsHttp10KeepAlive = connection >= 0
                && HttpTokens.hasToken(h, hs[4 * connection + 2], hs[4 * connection + 3], "keep-alive");
        }
        if (expect >= 0)
        {
            final int vs = hs[4 * expect + 2];
            final int ve = hs[4 * expect + 3];
            if (HttpTokens.hasToken(h, vs, ve, "100-continue"))
            {
                r.expectsContinue = true;
            }
            else if (ve > vs)
            {
                r.expectationFailed = true;
            }
        }
        return OK;
    }

    /** Go's parseContentLength: digits only, at most 2^63-1; "" means no body. Returns -1 when bad. */
    private static long parseContentLength(final byte[] h, final int start, final int end)
    {
        if (start == end)
        {
            return 0;
        }
        long value = 0;
        for (int i = start; i < end; i++)
        {
            if (!isDigit(h[i]))
            {
                return -1;
            }
            if (value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            value = value * 10 + (h[i] - '0');
        }
        return value;
    }

    // ---------------------------------------------------------------- bytes

    static int indexOf(final byte[] h, final byte b, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (h[i] == b)
            {
                return i;
            }
        }
        return -1;
    }

    private static int trimEnd(final byte[] h, final int start, final int end)
    {
        int e = end;
        while (e > start && (h[e - 1] == ' ' || h[e - 1] == '\t' || h[e - 1] == '\r' || h[e - 1] == '\n'))
        {
            e--;
        }
        return e;
    }

    private static boolean isName(final byte[] h, final int start, final int end, final String canonical)
    {
        return startsWith(h, start, canonical) && end - start == canonical.length();
    }

    private static boolean startsWith(final byte[] h, final int start, final String text)
    {
        if (start + text.length() > h.length)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (h[start + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBytes(final byte[] h, final int aStart, final int aEnd, final int bStart, final int bEnd)
    {
        return java.util.Arrays.equals(h, aStart, aEnd, h, bStart, bEnd);
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static boolean isUserinfoByte(final byte b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || isDigit(b) || "-._:~!$&'()*+,;=%@".indexOf(b) >= 0
            || (b & 0x80) != 0;
    }

    /** Bytes Go's url package leaves unescaped in a host. */
    private static boolean isHostUrlByte(final int b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
            || "-_.~!$&'()*+,;=:[]<>\"".indexOf(b) >= 0;
    }
}
