package io.ringnsq.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.ringnsq.transport.tls.TrustAnyCertificate;

/**
 * A V2 connection after the magic, IDENTIFY and the upgrades it negotiated, as NSQ clients do them
 * (spec §1.9): the JSON in plaintext, then TLS and an OK over it, then snappy or deflate and an OK
 * through it. What the load tools write and read after that.
 */
final class UpgradedStream
{
    final OutputStream out;
    final DataInputStream in;
    /**
     * The input without the buffer of {@link #in}, for a reader that buffers itself and wants what has arrived
     * (a {@code BufferedInputStream} over an {@code InflaterInputStream} blocks to fill a large read: the
     * inflater's {@code available()} is 1 until the end). Use one of the two, not both.
     */
    final InputStream direct;

    private UpgradedStream(final OutputStream out, final DataInputStream in, final InputStream direct)
    {
        this.out = out;
        this.in = in;
        this.direct = direct;
    }

    static UpgradedStream open(final Socket socket, final String mode) throws IOException
    {
        final boolean tls = mode.contains("tls");
        final boolean deflate = mode.contains("deflate");
        final boolean snappy = mode.contains("snappy");
        OutputStream rawOut = socket.getOutputStream();
        InputStream rawIn = socket.getInputStream();
        final DataOutputStream plainOut = new DataOutputStream(rawOut);
        plainOut.write("  V2".getBytes(StandardCharsets.US_ASCII));
        if (tls || deflate || snappy)
        {
            final byte[] identify = ("{\"feature_negotiation\":true,\"tls_v1\":" + tls + ",\"deflate\":" + deflate
                + ",\"deflate_level\":1,\"snappy\":" + snappy + "}").getBytes(StandardCharsets.UTF_8);
            plainOut.write("IDENTIFY\n".getBytes(StandardCharsets.US_ASCII));
            plainOut.writeInt(identify.length);
            plainOut.write(identify);
            plainOut.flush();
            final DataInputStream plainIn = new DataInputStream(rawIn);
            expect(plainIn, '{');
            if (tls)
            {
                final SSLSocket secure = (SSLSocket)trustAll().getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                secure.setUseClientMode(true);
                secure.startHandshake();
                rawOut = secure.getOutputStream();
                rawIn = secure.getInputStream();
                expect(new DataInputStream(rawIn), 'O');
            }
            if (deflate)
            {
                rawOut = new DeflaterOutputStream(rawOut, new Deflater(1, true), 64 * 1024, true);
                rawIn = new InflaterInputStream(rawIn, new Inflater(true), 64 * 1024);
                expect(new DataInputStream(rawIn), 'O');
            }
            else if (snappy)
            {
                // buffered below: the framed streams write a chunk's header and body, and read them, apart
                rawOut = new SnappyFramedOutputStream(new BufferedOutputStream(rawOut, 64 * 1024));
                rawIn = new SnappyFramedInputStream(new BufferedInputStream(rawIn, 64 * 1024));
                expect(new DataInputStream(rawIn), 'O');
            }
        }
        return new UpgradedStream(
            new BufferedOutputStream(rawOut, 64 * 1024), new DataInputStream(new BufferedInputStream(rawIn, 64 * 1024)), rawIn);
    }

    /** Reads one response frame whose data starts with {@code first}. */
    private static void expect(final DataInputStream in, final char first) throws IOException
    {
        final V2Wire.Frame frame = V2Wire.readFrame(in);
        if (frame.type() != V2Wire.FRAME_RESPONSE || frame.data().length == 0 || frame.data()[0] != first)
        {
            throw new IOException("unexpected frame during the upgrade: " + frame.text());
        }
    }

    private static SSLContext trustAll() throws IOException
    {
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustAnyCertificate()}, null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException(ex);
        }
    }
}
