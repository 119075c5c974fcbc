package io.ringnsq.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import io.ringnsq.transport.testsupport.TlsFixtures;

/**
 * Run in a JVM of its own by {@link TlsLegacyVersionTest}: enabling TLS 1.0 and 1.1 changes a JVM-wide
 * security property that JSSE reads once, so it must happen before anything uses TLS, and must not leak into
 * the JVM that runs the other tests. Prints one line per case.
 */
public final class LegacyVersionProbe
{
    private LegacyVersionProbe()
    {
    }

    /** With {@code late}, TLS is used before nsqd's settings are built, as if something else in the JVM got there first. */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("late"))
        {
            final SSLEngine early = SSLContext.getDefault().createSSLEngine();
            early.setUseClientMode(true);
            early.beginHandshake();
        }
        final TlsSettings legacy = settings("tls1.0");
        final TlsSettings modern = settings("tls1.2");
        System.out.println("effective minimum: " + legacy.effectiveMinVersion().flagValue());
        final EchoHandler.Seen seen = new EchoHandler.Seen();
        try (TlsTestServer legacyServer = new TlsTestServer(new TlsOnAccept(legacy, EchoHandler.factory(seen)));
            TlsTestServer modernServer = new TlsTestServer(new TlsOnAccept(modern, EchoHandler.factory(seen))))
        {
            for (final String protocol : new String[] {"TLSv1", "TLSv1.1", "TLSv1.3"})
            {
                System.out.println("tls1.0 server, " + protocol + " client: " + attempt(legacyServer.port(), protocol));
            }
            System.out.println("tls1.2 server, TLSv1 client: " + attempt(modernServer.port(), "TLSv1"));
        }
        System.out.println("server saw: " + seen.sessions.stream().map(s -> ((TlsSessionInfo)s).version()).toList());
        System.exit(0);
    }

    private static TlsSettings settings(final String minVersion) throws TlsConfigException
    {
        return TlsSettings.fromFlags(TlsFixtures.path(TlsFixtures.SERVER_CERT).toString(),
            TlsFixtures.path(TlsFixtures.SERVER_KEY).toString(), "", "", minVersion);
    }

    private static String attempt(final int port, final String protocol)
    {
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), port, protocol))
        {
            final byte[] ping = "ping\n".getBytes(StandardCharsets.US_ASCII);
            final String echoed = new String(TlsClient.echo(socket, ping), StandardCharsets.US_ASCII);
            return socket.getSession().getProtocol() + " " + (echoed.equals("ping\n") ? "echoed" : "garbled");
        }
        catch (final IOException ex)
        {
            return "refused";
        }
        catch (final Exception ex)
        {
            return "error " + ex;
        }
    }
}
