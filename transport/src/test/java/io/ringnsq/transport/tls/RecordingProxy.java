package io.ringnsq.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Forwards one TCP connection to a target and keeps a copy of every byte that crosses it, both ways. */
final class RecordingProxy implements AutoCloseable
{
    private final ServerSocket listener;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final Thread acceptor;

    RecordingProxy(final int targetPort) throws IOException
    {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> serve(targetPort), "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return listener.getLocalPort();
    }

    /** Every byte seen so far, both directions interleaved. */
    byte[] seen()
    {
        synchronized (seen)
        {
            return seen.toByteArray();
        }
    }

    @Override
    public void close() throws IOException
    {
        listener.close();
    }

    private void serve(final int targetPort)
    {
        try (Socket client = listener.accept(); Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort))
        {
            final Thread back = pump(target, client);
            pump(client, target).join();
            back.join();
        }
        catch (final IOException | InterruptedException ex)
        {
            // the test is over
        }
    }

    private Thread pump(final Socket from, final Socket to)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                final InputStream in = from.getInputStream();
                final OutputStream out = to.getOutputStream();
                final byte[] buffer = new byte[16 * 1024];
                for (int n; (n = in.read(buffer)) >= 0;)
                {
                    synchronized (seen)
                    {
                        seen.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            }
            catch (final IOException ex)
            {
                // one side went away
            }
        }, "recording-proxy-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
