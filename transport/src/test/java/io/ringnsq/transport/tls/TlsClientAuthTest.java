package io.ringnsq.transport.tls;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code --tls-client-auth-policy}: none asks for no certificate; {@code require} needs one and takes any;
 * {@code require-verify} needs one that chains to {@code --tls-root-ca-file} (or the JDK's CAs without it).
 * The certificate's CN is what AUTH sends as {@code common_name}.
 */
class TlsClientAuthTest
{
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

    private final EchoHandler.Seen seen = new EchoHandler.Seen();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void noPolicyAsksForNoCertificateSoTheCommonNameIsEmpty() throws Exception
    {
        start(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, ""));
        echo(TlsFixtures.anyServerWithCertificate("client-trusted.pem", "client-trusted.key"), "TLSv1.3");
        assertEquals("", commonName(0));
    }

    @Test
    void requireRefusesAClientWithoutCertificate() throws Exception
    {
        start(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require"));
        assertRefused(() -> echo(TlsFixtures.anyServerNoCertificate(), "TLSv1.3"));
        assertRefused(() -> echo(TlsFixtures.anyServerNoCertificate(), "TLSv1.2"));
        assertEquals(List.of(), seen.sessions);
    }

    @Test
    void requireTakesAnUntrustedCertificateAndReportsItsCommonName() throws Exception
    {
        start(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require"));
        echo(TlsFixtures.anyServerWithCertificate("client-untrusted.pem", "client-untrusted.key"), "TLSv1.3");
        echo(TlsFixtures.anyServerWithCertificate("client-untrusted.pem", "client-untrusted.key"), "TLSv1.2");
        assertEquals("stranger", commonName(0));
        assertEquals("stranger", commonName(1));
    }

    @Test
    void requireVerifyRefusesAnUntrustedCertificateAndAClientWithout() throws Exception
    {
        start(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require-verify"));
        assertRefused(() -> echo(TlsFixtures.anyServerWithCertificate("client-untrusted.pem", "client-untrusted.key"), "TLSv1.3"));
        assertRefused(() -> echo(TlsFixtures.anyServerWithCertificate("client-untrusted.pem", "client-untrusted.key"), "TLSv1.2"));
        assertRefused(() -> echo(TlsFixtures.anyServerNoCertificate(), "TLSv1.3"));
        assertEquals(List.of(), seen.sessions);
    }

    @Test
    void requireVerifyTakesACertificateSignedByTheRootCaAndReportsItsCommonName() throws Exception
    {
        start(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require-verify"));
        echo(TlsFixtures.anyServerWithCertificate("client-trusted.pem", "client-trusted.key"), "TLSv1.3");
        echo(TlsFixtures.anyServerWithCertificate("client-trusted.pem", "client-trusted.key"), "TLSv1.2");
        assertEquals("client-one", commonName(0));
        assertEquals("client-one", commonName(1));
    }

    @Test
    void requireVerifyWithoutRootCaFileTrustsOnlyTheJdkDefaultCas() throws Exception
    {
        start(TlsSettings.fromFlags(TlsFixtures.path(TlsFixtures.SERVER_CERT).toString(),
            TlsFixtures.path(TlsFixtures.SERVER_KEY).toString(), "", "require-verify", "tls1.2"));
        assertRefused(() -> echo(TlsFixtures.anyServerWithCertificate("client-trusted.pem", "client-trusted.key"), "TLSv1.3"));
        assertEquals(List.of(), seen.sessions);
    }

    private void start(final TlsSettings settings) throws Exception
    {
        server = servers.start(new TlsOnAccept(settings, EchoHandler.factory(seen)));
    }

    /** Handshake and one echo; with TLS 1.3 a refused certificate shows only when the client reads. */
    private void echo(final SSLContext client, final String protocol) throws Exception
    {
        try (SSLSocket socket = TlsClient.connect(client, server.port(), protocol))
        {
            assertArrayEquals(PING, TlsClient.echo(socket, PING));
        }
    }

    /** The handshake fails: an error from the peer, not a timeout. */
    private static void assertRefused(final Executable attempt)
    {
        final IOException failure = assertThrows(IOException.class, attempt);
        assertFalse(failure instanceof SocketTimeoutException, "refused, not timed out: " + failure);
    }

    private String commonName(final int connection)
    {
        return ((TlsSessionInfo)seen.sessions.get(connection)).commonName();
    }
}
