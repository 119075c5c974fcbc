package io.ringnsq.transport.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A relay for one TCP connection between a client under test and a server (nsqd, or a test server) that keeps a copy
 * of every byte, per direction: what really crossed the wire below the client's TLS and compression layers. A
 * half-close is passed on (so EOF reaches the server), and so is the server's close.
 */
public final class WireTap implements AutoCloseable
{
    private final ServerSocket listener;
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    private volatile Socket client;
    private volatile Socket server;

    public WireTap(final int serverPort) throws IOException
    {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(() -> serve(serverPort), "wire-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the client connects to instead of the server's. */
    public int port()
    {
        return listener.getLocalPort();
    }

    /** Every byte the client sent so far, as it went to the server. */
    public byte[] clientToServer()
    {
        synchronized (toServer)
        {
            return toServer.toByteArray();
        }
    }

    /** Every byte the server sent so far, as it went to the client. */
    public byte[] serverToClient()
    {
        synchronized (toClient)
        {
            return toClient.toByteArray();
        }
    }

    /** Every byte so far both ways: the client's, then the server's. */
    public byte[] bothWays()
    {
        return Wire.concat(clientToServer(), serverToClient());
    }

    @Override
    public void close()
    {
        closeQuietly(listener);
        closeQuietly(client);
        closeQuietly(server);
    }

    private void serve(final int serverPort)
    {
        try
        {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            final Thread back = pump(server, client, toClient);
            pump(client, server, toServer).join();
            back.join();
        }
        catch (final IOException | InterruptedException ex)
        {
            // the test is over
        }
        finally
        {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static Thread pump(final Socket from, final Socket to, final ByteArrayOutputStream copy)
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
                    synchronized (copy)
                    {
                        copy.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            }
            catch (final IOException ex)
            {
                // one side went away: take the other down too, as a dropped connection would
                closeQuietly(to);
            }
        }, "wire-tap-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final Exception ignored)
        {
            // already closed
        }
    }
}
