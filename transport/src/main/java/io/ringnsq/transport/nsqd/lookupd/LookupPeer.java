package io.ringnsq.transport.nsqd.lookupd;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.ringnsq.transport.nsqd.ListenAddress;

/**
 * One nsqlookupd as nsqd talks to it (upstream's {@code lookupPeer}), over a blocking socket owned by
 * the registration thread: a 1 s dial timeout, the magic {@code "  V1"}, then commands, each answered
 * by {@code [int32 size][data]}. A reply larger than {@code --max-body-size} (or negative) is an error
 * found before anything is allocated for it. Each read waits at most 1 s, as upstream's per-command
 * deadline; writes are a few bytes into an empty socket buffer and have no deadline in Java's blocking
 * sockets.
 */
final class LookupPeer
{
    static final int DIAL_TIMEOUT_MS = 1000;
    static final int READ_TIMEOUT_MS = 1000;
    private static final byte[] MAGIC = {' ', ' ', 'V', '1'};

    private final String address;
    private final long maxReplySize;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;
    /** What the last IDENTIFY answered; kept after the connection drops, as upstream keeps {@code lp.Info}. */
    private PeerInfo info;

    // the reconnection schedule, kept by the registration loop
    long retryAt;
    int failures;

    LookupPeer(final String address, final long maxReplySize)
    {
        this.address = address;
        this.maxReplySize = maxReplySize;
    }

    String address()
    {
        return address;
    }

    boolean isConnected()
    {
        return socket != null;
    }

    PeerInfo info()
    {
        return info;
    }

    void info(final PeerInfo info)
    {
        this.info = info;
    }

    /** Dials and sends the magic. */
    void connect() throws IOException
    {
        final InetSocketAddress target;
        try
        {
            target = ListenAddress.hostPort(address);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException(ex.getMessage(), ex);
        }
        final Socket s = new Socket();
        try
        {
            s.connect(target, DIAL_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            in = new DataInputStream(s.getInputStream());
            out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 256));
            socket = s;
            out.write(MAGIC);
            out.flush();
        }
        catch (final IOException | RuntimeException ex)
        {
            socket = s;
            close();
            throw ex;
        }
    }

    /** A command line ({@code PING}, {@code REGISTER t c}, ...) and its reply. */
    byte[] command(final String line) throws IOException
    {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    /** {@code IDENTIFY\n[int32 len][json]} and its reply. */
    byte[] identify(final byte[] json) throws IOException
    {
        out.write("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(json.length);
        out.write(json);
        out.flush();
        return readReply();
    }

    /** Upstream's {@code readResponseBounded}. */
    private byte[] readReply() throws IOException
    {
        final int size = in.readInt();
        if (size < 0 || size > maxReplySize)
        {
            throw new IOException("response body size (" + size + ") is greater than limit (" + maxReplySize + ")");
        }
        final byte[] reply = new byte[size];
        in.readFully(reply);
        return reply;
    }

    void close()
    {
        final Socket s = socket;
        socket = null;
        in = null;
        out = null;
        if (s != null)
        {
            try
            {
                s.close();
            }
            catch (final IOException ignored)
            {
                // nothing more to do with it
            }
        }
    }

    @Override
    public String toString()
    {
        return address;
    }
}
