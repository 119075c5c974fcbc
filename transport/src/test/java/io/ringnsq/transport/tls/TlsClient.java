package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Blocking JDK clients for the tests: TLS from the start, and echo round trips. */
final class TlsClient
{
    static final int TIMEOUT_MILLIS = 10_000;

    private TlsClient()
    {
    }

    /** A TLS connection to 127.0.0.1:{@code port}, handshake done, with only {@code protocol} enabled. */
    static SSLSocket connect(final SSLContext context, final int port, final String protocol) throws IOException
    {
        final SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    /** Sends {@code data} from another thread while reading as many bytes back, and returns them. */
    static byte[] echo(final Socket socket, final byte[] data) throws Exception
    {
        final OutputStream out = socket.getOutputStream();
        final CompletableFuture<Void> writer = CompletableFuture.runAsync(() ->
        {
            try
            {
                for (int offset = 0; offset < data.length; offset += 8192)
                {
                    out.write(data, offset, Math.min(8192, data.length - offset));
                }
                out.flush();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final byte[] back = readFully(socket.getInputStream(), data.length);
        writer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return back;
    }

    static byte[] readFully(final InputStream in, final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        int read = 0;
        while (read < length)
        {
            final int n = in.read(bytes, read, length - read);
            if (n < 0)
            {
                throw new IOException("end of stream after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return bytes;
    }

    static String readLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n')
        {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Whether the server ends the connection (EOF or reset) within the timeout, reading and dropping what it sends. */
    static boolean closedByServer(final Socket socket) throws IOException
    {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        final InputStream in = socket.getInputStream();
        final byte[] scratch = new byte[4096];
        try
        {
            while (true)
            {
                if (in.read(scratch) < 0)
                {
                    return true;
                }
            }
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
        catch (final SocketException ex)
        {
            return true; // reset
        }
    }
}
