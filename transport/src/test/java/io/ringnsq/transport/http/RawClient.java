package io.ringnsq.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A blocking socket that writes raw bytes and reads HTTP/1.1 responses byte-exactly. */
final class RawClient implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(final String text) throws IOException
    {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response; its body by Content-Length, or none for HEAD/1xx/204/304, or to EOF without a length. */
    Response read(final boolean headRequest) throws IOException
    {
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        final String statusLine = readLine(raw);
        final List<String[]> headers = new ArrayList<>();
        String line;
        while (!(line = readLine(raw)).isEmpty())
        {
            final int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
        }
        final Response head = new Response(statusLine, headers, new byte[0], "");
        final int status = head.status();
        final String length = head.header("Content-Length");
        byte[] body;
        if (headRequest || status < 200 || status == 204 || status == 304)
        {
            body = new byte[0];
        }
        else if (length != null)
        {
            body = in.readNBytes(Integer.parseInt(length));
        }
        else
        {
            body = readToEnd();
        }
        raw.writeBytes(body);
        return new Response(statusLine, headers, body, raw.toString(StandardCharsets.ISO_8859_1));
    }

    Response read() throws IOException
    {
        return read(false);
    }

    void shutdownOutput() throws IOException
    {
        socket.shutdownOutput();
    }

    /** Exactly {@code n} bytes, as text. */
    String readExactly(final int n) throws IOException
    {
        return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Everything until the server closes. */
    String readAll() throws IOException
    {
        return new String(readToEnd(), StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection within the socket timeout (EOF or reset). */
    boolean isClosedByServer(final int timeoutMillis) throws IOException
    {
        final int previous = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try
        {
            return in.read() < 0;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return true; // reset
        }
        finally
        {
            socket.setSoTimeout(previous);
        }
    }

    private byte[] readToEnd() throws IOException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final byte[] chunk = new byte[8192];
        try
        {
            int n;
            while ((n = in.read(chunk)) >= 0)
            {
                body.write(chunk, 0, n);
            }
        }
        catch (final SocketException ex)
        {
            // a reset after the answer: keep what arrived
        }
        return body.toByteArray();
    }

    private String readLine(final ByteArrayOutputStream raw) throws IOException
    {
        final StringBuilder line = new StringBuilder();
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("connection closed after \"" + raw.toString(StandardCharsets.ISO_8859_1) + line + "\"");
            }
            raw.write(b);
            if (b == '\n')
            {
                final int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char)b);
        }
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    /** A response as read: the status line, headers in order, the body and every byte as text. */
    record Response(String statusLine, List<String[]> headers, byte[] body, String raw)
    {
        int status()
        {
            return Integer.parseInt(statusLine.substring(9, 12));
        }

        String header(final String name)
        {
            for (final String[] h : headers)
            {
                if (h[0].equalsIgnoreCase(name))
                {
                    return h[1];
                }
            }
            return null;
        }

        String bodyText()
        {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The header names, in the order received. */
        List<String> headerNames()
        {
            final List<String> names = new ArrayList<>();
            headers.forEach(h -> names.add(h[0]));
            return names;
        }
    }
}
