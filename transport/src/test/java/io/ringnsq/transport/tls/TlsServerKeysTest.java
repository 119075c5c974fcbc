package io.ringnsq.transport.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The key and certificate forms nsqd serves: nsqjs's PKCS#1 key with its SHA-1 certificate that expired in
 * 2015 (its test suite runs nsqd with them), a PKCS#8 RSA key, and a SEC1 EC key.
 */
class TlsServerKeysTest
{
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

    private final EchoHandler.Seen seen = new EchoHandler.Seen();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void servesTheNsqjsPkcs1KeyAndItsExpiredSha1Certificate() throws Exception
    {
        start("nsqjs-cert.pem", "nsqjs-key.pem");
        for (final String protocol : new String[] {"TLSv1.3", "TLSv1.2"})
        {
            final X509Certificate served = echoAndGetServedCertificate(protocol);
            assertEquals(2015, served.getNotAfter().toInstant().atZone(ZoneOffset.UTC).getYear());
            assertEquals("SHA1withRSA", served.getSigAlgName());
        }
    }

    @Test
    void servesAPkcs8RsaKey() throws Exception
    {
        start(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY);
        assertEquals("CN=localhost", echoAndGetServedCertificate("TLSv1.3").getSubjectX500Principal().getName());
    }

    @Test
    void servesAnEcKeyReadFromSec1() throws Exception
    {
        start("server-ec.pem", "server-ec-sec1.key");
        assertEquals("EC", echoAndGetServedCertificate("TLSv1.3").getPublicKey().getAlgorithm());
        echoAndGetServedCertificate("TLSv1.2");
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ((TlsSessionInfo)seen.sessions.get(1)).statsCipherSuite());
    }

    private void start(final String cert, final String key) throws Exception
    {
        server = servers.start(new TlsOnAccept(TlsFixtures.server(cert, key, ""), EchoHandler.factory(seen)));
    }

    private X509Certificate echoAndGetServedCertificate(final String protocol) throws Exception
    {
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), protocol))
        {
            assertArrayEquals(PING, TlsClient.echo(socket, PING));
            assertEquals(protocol, socket.getSession().getProtocol());
            return (X509Certificate)socket.getSession().getPeerCertificates()[0];
        }
    }
}
