package io.ringnsq.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import io.ringnsq.transport.nio.Connection;

/**
 * Encodes responses into a connection's output the way Go's {@code chunkWriter.writeHeader} lays
 * them out: the status line, the service's headers (sorted), then {@code Date}, {@code Content-Length},
 * a sniffed {@code Content-Type} and {@code Connection}, an empty line and the body. Small responses
 * go straight into the connection's direct buffer; a large body is queued by reference, uncopied.
 */
final class ResponseWriter
{
    static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    /** Above this a body is queued by reference rather than copied into the direct buffer. */
    private static final int COPY_LIMIT = 8 * 1024;
    private static final byte[] DATE = ascii("Date: ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final ConcurrentHashMap<String, byte[]> CONTENT_TYPE_LINES = new ConcurrentHashMap<>();

    private final HttpDate date;
    private final byte[] digits = new byte[20];

    ResponseWriter(final HttpDate date)
    {
        this.date = date;
    }

    /**
     * Writes one response.
     *
     * @param http11         the request was HTTP/1.1 (the status line answers with the request's version)
     * @param headRequest    a HEAD request: headers only
     * @param connectionLine {@link #CONNECTION_CLOSE}, {@link #CONNECTION_KEEP_ALIVE} or null
     */
    void write(
        final Connection c, final boolean http11, final int status, final HttpHeaders headers, final byte[] body,
        final boolean headRequest, final byte[] connectionLine) throws IOException
    {
        final boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        final boolean hasLength = bodyAllowed && (!headRequest || body.length > 0);
        final boolean writeBody = bodyAllowed && !headRequest && body.length > 0;
        final byte[] statusLine = StatusText.line(status, http11);
        final byte[] headerLines = headers.encoded(status == 304);
        final byte[] dateValue = headers.hasDate() ? null : date.now();
        final int lengthDigits = hasLength ? formatDigits(body.length) : 0;
        final byte[] contentType = bodyAllowed && body.length > 0 && !headers.hasContentType()
            ? contentTypeLine(ContentSniffer.detect(body, 0, body.length))
            : null;

        int headLength = statusLine.length + headerLines.length + CRLF.length;
        if (dateValue != null)
        {
            headLength += DATE.length + dateValue.length + CRLF.length;
        }
        if (hasLength)
        {
            headLength += CONTENT_LENGTH.length + lengthDigits + CRLF.length;
        }
        if (contentType != null)
        {
            headLength += contentType.length;
        }
        if (connectionLine != null)
        {
            headLength += connectionLine.length;
        }
        final boolean copyBody = writeBody && body.length <= COPY_LIMIT;
        final int total = headLength + (copyBody ? body.length : 0);

        ByteBuffer out = c.output().claim(total, c.layer());
        final boolean queued = out == null;
        if (queued)
        {
            out = ByteBuffer.allocate(total);
        }
        out.put(statusLine).put(headerLines);
        if (dateValue != null)
        {
            out.put(DATE).put(dateValue).put(CRLF);
        }
        if (hasLength)
        {
            out.put(CONTENT_LENGTH).put(digits, digits.length - lengthDigits, lengthDigits).put(CRLF);
        }
        if (contentType != null)
        {
            out.put(contentType);
        }
        if (connectionLine != null)
        {
            out.put(connectionLine);
        }
        out.put(CRLF);
        if (copyBody)
        {
            out.put(body);
        }
        if (queued)
        {
            c.output().enqueue(out.flip());
        }
        if (writeBody && !copyBody)
        {
            c.output().enqueue(ByteBuffer.wrap(body));
        }
    }

    /** Bytes the server sends on its own (100 Continue, Go's plain-text error answers). */
    static void writeRaw(final Connection c, final byte[] bytes) throws IOException
    {
        final ByteBuffer out = c.output().claim(bytes.length, c.layer());
        if (out != null)
        {
            out.put(bytes);
        }
        else
        {
            c.output().enqueue(ByteBuffer.wrap(bytes));
        }
    }

    /** Writes the decimal digits of {@code value} at the end of {@link #digits}; returns how many. */
    private int formatDigits(final int value)
    {
        int v = value;
        int at = digits.length;
        do
        {
            digits[--at] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v > 0);
        return digits.length - at;
    }

    private static byte[] contentTypeLine(final String type)
    {
        final byte[] line = CONTENT_TYPE_LINES.get(type);
        return line != null ? line : CONTENT_TYPE_LINES.computeIfAbsent(type, t -> ascii("Content-Type: " + t + "\r\n"));
    }

    static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
