package io.ringnsq.transport.httpconformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the exact bytes of one HTTP/1.1 request. Tests need control a library client does not give:
 * a declared Content-Length with no body, chunked bodies split where the test says, a raw body with
 * hand-made framing, HTTP/1.0, no Host header. Unless told otherwise it adds {@code Host} and frames
 * the body with {@code Content-Length} (also {@code 0} for a POST or PUT without a body, as curl and Go do).
 */
final class HttpRequest
{
    private final String method;
    private final String target;
    private final List<String> headers = new ArrayList<>();
    private String version = "HTTP/1.1";
    private boolean host = true;
    private byte[] body;
    private List<byte[]> chunks;
    private byte[] rawBody;
    private Long declaredLength;

    private HttpRequest(final String method, final String target)
    {
        this.method = method;
        this.target = target;
    }

    static HttpRequest of(final String method, final String target)
    {
        return new HttpRequest(method, target);
    }

    static HttpRequest get(final String target)
    {
        return of("GET", target);
    }

    static HttpRequest post(final String target)
    {
        return of("POST", target);
    }

    static HttpRequest put(final String target)
    {
        return of("PUT", target);
    }

    HttpRequest header(final String name, final String value)
    {
        headers.add(name + ": " + value);
        return this;
    }

    HttpRequest version(final String version)
    {
        this.version = version;
        return this;
    }

    HttpRequest withoutHost()
    {
        host = false;
        return this;
    }

    HttpRequest body(final byte[] body)
    {
        this.body = body;
        return this;
    }

    HttpRequest body(final String utf8)
    {
        return body(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Transfer-Encoding: chunked}, one chunk per argument, then the last chunk. */
    HttpRequest chunked(final byte[]... parts)
    {
        this.chunks = List.of(parts);
        return this;
    }

    /** Sent as-is after the headers, with no framing header added: the test frames it itself. */
    HttpRequest rawBody(final byte[] bytes)
    {
        this.rawBody = bytes;
        return this;
    }

    /** A Content-Length header for a body the test will not send (or will send later). */
    HttpRequest declaredLength(final long length)
    {
        this.declaredLength = length;
        return this;
    }

    String method()
    {
        return method;
    }

    byte[] bytes()
    {
        final StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        if (host)
        {
            head.append("Host: 127.0.0.1\r\n");
        }
        for (final String header : headers)
        {
            head.append(header).append("\r\n");
        }
        if (chunks != null)
        {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        else if (declaredLength != null)
        {
            head.append("Content-Length: ").append(declaredLength).append("\r\n");
        }
        else if (body != null)
        {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        else if (rawBody == null && ("POST".equals(method) || "PUT".equals(method)))
        {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunks != null)
        {
            out.writeBytes(chunkedEncoding(chunks));
        }
        else if (body != null && declaredLength == null)
        {
            out.writeBytes(body);
        }
        if (rawBody != null)
        {
            out.writeBytes(rawBody);
        }
        return out.toByteArray();
    }

    /** RFC 9112 §7.1: {@code <hex size>\r\n<data>\r\n} per chunk, then {@code 0\r\n\r\n}. */
    static byte[] chunkedEncoding(final List<byte[]> parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Override
    public String toString()
    {
        return method + " " + target;
    }
}
