package io.ringnsq.transport.httpconformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ringnsq.transport.testsupport.SocketClient;
import io.ringnsq.transport.testsupport.Wire;

/**
 * A socket-level HTTP/1.1 client: it writes exactly the bytes a test gives it and parses responses
 * itself, so tests see the status line, every header as sent, and whether the body came with
 * Content-Length or chunked. One connection can carry several requests (keep-alive, pipelining).
 * Every read has a real-time timeout, so a broken server fails the test instead of hanging it.
 */
final class HttpConnection extends SocketClient<HttpConnection>
{
    private static final int MAX_LINE = 64 * 1024;

    private final BufferedInputStream in;
    private final OutputStream out;
    /** Everything read for the response in progress, shown when it never completes. */
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private HttpConnection(final Socket socket)
    {
        super(socket);
        this.in = new BufferedInputStream(inputOf(socket), 64 * 1024);
        this.out = outputOf(socket);
    }

    static HttpConnection open(final InetSocketAddress address)
    {
        return new HttpConnection(connect(address.getPort(), 0));
    }

    @Override
    protected HttpConnection self()
    {
        return this;
    }

    @Override
    protected OutputStream output()
    {
        return out;
    }

    // ---------------------------------------------------------------- writing

    HttpConnection write(final String latin1)
    {
        return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    HttpConnection send(final HttpRequest request)
    {
        return write(request.bytes());
    }

    /** Sends one request and reads its response (a 1xx interim response would be returned as is). */
    HttpResponse exchange(final HttpRequest request)
    {
        send(request);
        return readResponse();
    }

    // ---------------------------------------------------------------- reading

    /** Reads one response: status line, headers, and the body as the headers frame it. */
    HttpResponse readResponse()
    {
        return readBodyOf(readHead());
    }

    /** Reads only the status line and the headers (for answers whose body runs to the close). */
    HttpResponse readHead()
    {
        transcript.reset();
        return guarded(this::readStatusAndHeaders);
    }

    /** Reads the body that belongs to a head read with {@link #readHead()}. */
    HttpResponse readBodyOf(final HttpResponse head)
    {
        return guarded(() -> readBody(head.statusLine(), head.status(), head.headers()));
    }

    private interface Read
    {
        HttpResponse run() throws IOException;
    }

    private HttpResponse guarded(final Read read)
    {
        try
        {
            socket.setSoTimeout((int)READ_TIMEOUT.toMillis());
            return read.run();
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("no complete response within " + READ_TIMEOUT.toMillis() + " ms (real time); received: '"
                + Wire.escape(transcript.toByteArray()) + "'", ex);
        }
        catch (final SocketException ex)
        {
            throw new AssertionError("connection reset by the server while a response was expected; received: '"
                + Wire.escape(transcript.toByteArray()) + "'", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private HttpResponse readStatusAndHeaders() throws IOException
    {
        final String statusLine = readLine();
        if (statusLine == null)
        {
            throw new AssertionError("connection closed by the server while a response was expected");
        }
        final int status = parseStatus(statusLine);
        final List<HttpResponse.Header> headers = new ArrayList<>();
        while (true)
        {
            final String line = readLine();
            if (line == null)
            {
                throw new AssertionError("connection closed in the middle of the headers after '" + statusLine + "'");
            }
            if (line.isEmpty())
            {
                return new HttpResponse(statusLine, status, headers, new byte[0], false);
            }
            final int colon = line.indexOf(':');
            assertTrue(colon > 0, () -> "malformed header line '" + line + "' after '" + statusLine + "'");
            headers.add(new HttpResponse.Header(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
    }

    private HttpResponse readBody(final String statusLine, final int status, final List<HttpResponse.Header> headers)
        throws IOException
    {
        final HttpResponse headOnly = new HttpResponse(statusLine, status, headers, new byte[0], false);
        if (status / 100 == 1 || status == 204 || status == 304)
        {
            return headOnly;
        }
        final String transferEncoding = headOnly.header("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"))
        {
            return new HttpResponse(statusLine, status, headers, readChunkedBody(), true);
        }
        final String contentLength = headOnly.header("Content-Length");
        if (contentLength != null)
        {
            final int length = Integer.parseInt(contentLength.trim());
            final byte[] body = new byte[length];
            int read = 0;
            while (read < length)
            {
                final int n = in.read(body, read, length - read);
                if (n < 0)
                {
                    throw new AssertionError("body shorter than its Content-Length " + length + ": " + read + " bytes");
                }
                transcript.write(body, read, n);
                read += n;
            }
            return new HttpResponse(statusLine, status, headers, body, false);
        }
        // neither framing header: the body runs to the end of the connection (RFC 9112 §6.3)
        return new HttpResponse(statusLine, status, headers, readToClose(in, transcript), false);
    }

    private byte[] readChunkedBody() throws IOException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true)
        {
            final String sizeLine = readLine();
            if (sizeLine == null)
            {
                throw new AssertionError("connection closed in the middle of a chunked body");
            }
            final int semicolon = sizeLine.indexOf(';');
            final int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0)
            {
                String trailer = readLine();
                while (trailer != null && !trailer.isEmpty())
                {
                    trailer = readLine();
                }
                return body.toByteArray();
            }
            final byte[] chunk = in.readNBytes(size);
            transcript.writeBytes(chunk);
            if (chunk.length < size)
            {
                throw new AssertionError("connection closed in the middle of a chunk");
            }
            body.writeBytes(chunk);
            final String end = readLine();
            assertTrue(end != null && end.isEmpty(), "a chunk must end with CRLF");
        }
    }

    /** One line without its CRLF (a bare LF is accepted too); null on EOF before any byte. */
    private String readLine() throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true)
        {
            final int b = in.read();
            if (b >= 0)
            {
                transcript.write(b);
            }
            if (b < 0)
            {
                if (line.size() == 0)
                {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line: " + Wire.escape(line.toByteArray()));
            }
            if (b == '\n')
            {
                final byte[] bytes = line.toByteArray();
                final int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE)
            {
                throw new AssertionError("line longer than " + MAX_LINE + " bytes from the server");
            }
        }
    }

    private static int parseStatus(final String statusLine)
    {
        // "HTTP/1.1 200 OK": the version, one space, three digits, then (optionally) a space and the reason
        if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?"))
        {
            throw new AssertionError("not an HTTP/1.x status line: '" + Wire.escape(statusLine.getBytes(StandardCharsets.ISO_8859_1)) + "'");
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    // ---------------------------------------------------------------- connection state

    /** The server closes the connection (EOF or reset) within the read timeout, sending nothing first. */
    void expectClosed()
    {
        expectClosedWithin(READ_TIMEOUT);
    }

    void expectClosedWithin(final Duration timeout)
    {
        final int first;
        try
        {
            socket.setSoTimeout((int)timeout.toMillis());
            first = in.read();
        }
        catch (final SocketTimeoutException ex)
        {
            throw new AssertionError("connection still open after " + timeout.toMillis() + " ms (real time)");
        }
        catch (final SocketException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (first >= 0)
        {
            final byte[] more = readAvailable();
            final byte[] all = new byte[more.length + 1];
            all[0] = (byte)first;
            System.arraycopy(more, 0, all, 1, more.length);
            throw new AssertionError("expected the server to close the connection, got bytes: " + Wire.escape(all));
        }
    }

    /** Reads everything until the server closes; fails if it stays open past the read timeout. */
    byte[] readUntilClosed()
    {
        transcript.reset();
        return readToClose(in, transcript);
    }

    /**
     * Nothing (no byte and no close) arrives within a short real-time window. Only for negative checks:
     * a server that owed us something would have sent it well within the window.
     */
    void expectNothing(final Duration window)
    {
        expectSilence(socket, in, window, first -> "bytes starting with " + Wire.escape(new byte[] {(byte)first}));
    }

    private byte[] readAvailable()
    {
        try
        {
            socket.setSoTimeout(200);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final byte[] buffer = new byte[4096];
            while (bytes.size() < 4096)
            {
                final int n = in.read(buffer);
                if (n < 0)
                {
                    break;
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        }
        catch (final IOException ex)
        {
            return new byte[0];
        }
    }
}
