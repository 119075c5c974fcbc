package io.ringnsq.transport.nsqd;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.ringnsq.cli.UsageException;
import io.ringnsq.transport.tls.SelfSignedCertificate;
import io.ringnsq.transport.tls.TlsConfigException;
import io.ringnsq.transport.tls.TlsSettings;

/**
 * Exercises the start-up path on loopback, so that {@code bin/lib/launcher.sh} can record the classes it loads in a
 * class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}); later starts map them instead of loading them, and
 * answer sooner. nsqd starts with TLS on a throwaway self-signed certificate (RSA, the common case; an EC key is only
 * read), answers {@code /ping} over HTTP and HTTPS, and carries a publish/consume round trip over plain V2 and over V2
 * upgraded to TLS: TLS set-up costs a cold JVM hundreds of milliseconds of class loading otherwise, and nsqjs's tests
 * give an nsqd started with TLS little time to answer. Not part of nsqd itself.
 */
public final class StartupTraining
{
    private static final int TIMEOUT_MS = 5000;
    private static final int FRAME_MESSAGE = 2;

    private StartupTraining()
    {
    }

    public static void main(final String[] args) throws IOException, UsageException, GeneralSecurityException, TlsConfigException
    {
        final Path dataPath = Files.createTempDirectory("ringnsq-training");
        try
        {
            final SelfSignedCertificate rsa = SelfSignedCertificate.generate("RSA", "localhost");
            final Path cert = Files.writeString(dataPath.resolve("cert.pem"), rsa.certificatePem());
            final Path key = Files.writeString(dataPath.resolve("key.pem"), rsa.privateKeyPem());
            final SelfSignedCertificate ec = SelfSignedCertificate.generate("EC", "localhost");
            TlsSettings.fromFlags(Files.writeString(dataPath.resolve("ec-cert.pem"), ec.certificatePem()).toString(),
                Files.writeString(dataPath.resolve("ec-key.pem"), ec.privateKeyPem()).toString(), "", "", "tls1.2");

            final NsqdOptions options = NsqdOptions.declare();
            final NsqdContext context = options.toContext(options.parse(
                "--tcp-address=127.0.0.1:0", "--http-address=127.0.0.1:0", "--https-address=127.0.0.1:0",
                "--data-path=" + dataPath, "--tls-cert=" + cert, "--tls-key=" + key)).conclude();
            try (Nsqd nsqd = Nsqd.start(context))
            {
                final SSLContext client = trustingClient();
                ping(nsqd.httpAddress(), null, null);
                roundTrip(nsqd.tcpAddress(), null, "training");
                roundTrip(nsqd.tcpAddress(), client, "training-tls");
                ping(nsqd.httpsAddress(), client, "TLSv1.3");
                ping(nsqd.httpsAddress(), client, "TLSv1.2");
            }
        }
        finally
        {
            try (var files = Files.list(dataPath))
            {
                for (final Path p : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dataPath);
        }
    }

    /** IDENTIFY (asking for TLS when {@code tls} is given), PUB, SUB, RDY, the message back, FIN. */
    private static void roundTrip(final InetSocketAddress address, final SSLContext tls, final String topic) throws IOException
    {
        try (Socket socket = new Socket(address.getAddress(), address.getPort()))
        {
            socket.setSoTimeout(TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] identify = ("{\"feature_negotiation\":true,\"client_id\":\"training\",\"tls_v1\":" + (tls != null) + "}")
                .getBytes(StandardCharsets.UTF_8);
            out.write(ascii("  V2IDENTIFY\n"));
            out.writeInt(identify.length);
            out.write(identify);
            out.flush();
            readFrame(in); // the JSON answer, in plaintext
            if (tls != null)
            {
                final SSLSocket secure = (SSLSocket)tls.getSocketFactory()
                    .createSocket(socket, "localhost", address.getPort(), true);
                secure.setUseClientMode(true);
                secure.startHandshake();
                out = new DataOutputStream(secure.getOutputStream());
                in = new DataInputStream(secure.getInputStream());
                readFrame(in); // OK, over TLS
            }
            out.write(ascii("PUB " + topic + "\n"));
            out.writeInt(1);
            out.write('x');
            out.write(ascii("SUB " + topic + " c\nRDY 1\n"));
            out.flush();
            for (int frames = 0; frames < 3; frames++)
            {
                final Frame frame = readFrame(in);
                if (frame.type == FRAME_MESSAGE)
                {
                    out.write(ascii("FIN " + new String(frame.data, 10, 16, StandardCharsets.US_ASCII) + "\n"));
                    out.flush();
                }
            }
        }
    }

    /** {@code GET /ping}, over TLS of {@code protocol} when {@code tls} is given, until its {@code OK}. */
    private static void ping(final InetSocketAddress address, final SSLContext tls, final String protocol) throws IOException
    {
        try (Socket socket = tls == null
            ? new Socket(address.getAddress(), address.getPort())
            : tls.getSocketFactory().createSocket(address.getAddress(), address.getPort()))
        {
            socket.setSoTimeout(TIMEOUT_MS);
            if (tls != null)
            {
                ((SSLSocket)socket).setEnabledProtocols(new String[] {protocol});
            }
            socket.getOutputStream().write(ascii("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            socket.getOutputStream().flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            while (!response.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\nOK"))
            {
                final int b = in.read();
                if (b < 0)
                {
                    throw new IOException("/ping ended early: " + response.toString(StandardCharsets.US_ASCII));
                }
                response.write(b);
            }
        }
    }

    private static Frame readFrame(final DataInputStream in) throws IOException
    {
        final int size = in.readInt();
        final int type = in.readInt();
        final byte[] data = new byte[size - 4];
        in.readFully(data);
        return new Frame(type, data);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static SSLContext trustingClient() throws GeneralSecurityException
    {
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustingClient()}, null);
        return context;
    }

    private record Frame(int type, byte[] data)
    {
    }

    /** The training client's side: the throwaway certificate is trusted as it is. */
    private static final class TrustingClient extends X509ExtendedTrustManager
    {
        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType)
        {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType)
        {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
