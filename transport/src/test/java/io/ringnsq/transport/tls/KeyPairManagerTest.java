package io.ringnsq.transport.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The key and chain served without a key store ({@link KeyPairManager}): the key picked by type as SunX509 picks
 * it, a chain served as it was given (Go does not check its order; the PKCS12 store that was used before refused
 * one whose certificates do not follow one another), and the in-memory certificates {@code StartupTraining} uses.
 */
class KeyPairManagerTest
{
    private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final EchoHandler.Seen seen = new EchoHandler.Seen();
    @RegisterExtension
    final TlsServers servers = new TlsServers();
    private TlsTestServer server;

    @Test
    void choosesTheKeyByTypeAsSunX509Does() throws Exception
    {
        final TlsSettings rsa = TlsFixtures.rsaServer();
        final KeyPairManager keys = new KeyPairManager(null, rsa.certificateChain());
        assertEquals(KeyPairManager.ALIAS, keys.chooseEngineServerAlias("RSA", null, null));
        assertNull(keys.chooseEngineServerAlias("EC", null, null));
        assertNull(keys.chooseEngineServerAlias("RSASSA-PSS", null, null));
        // key_signer types: the leaf's key, and the signer's from the next certificate or the leaf's signature
        assertEquals(KeyPairManager.ALIAS, keys.chooseEngineServerAlias("RSA_RSA", null, null));
        assertNull(keys.chooseEngineServerAlias("RSA_EC", null, null));
        assertNull(keys.chooseEngineClientAlias(new String[] {"RSA"}, null, null));
        assertNull(keys.getCertificateChain("other"));
    }

    @Test
    void aClientsPairAnswersACertificateRequestThatOneOfItsTypesFits() throws Exception
    {
        final KeyPairManager keys = new KeyPairManager(null, TlsFixtures.rsaServer().certificateChain(), true);
        assertEquals(KeyPairManager.ALIAS, keys.chooseEngineClientAlias(new String[] {"EC", "RSA"}, null, null));
        assertEquals(KeyPairManager.ALIAS, keys.chooseClientAlias(new String[] {"RSA"}, null, null));
        assertNull(keys.chooseEngineClientAlias(new String[] {"EC"}, null, null));
        assertArrayEquals(new String[] {KeyPairManager.ALIAS}, keys.getClientAliases("RSA", null));
    }

    @Test
    void servesAChainAsGivenEvenWhenItsCertificatesDoNotFollowOneAnother() throws Exception
    {
        // the leaf, then a certificate that did not issue it
        final Path chain = Files.writeString(dir.resolve("chain.pem"),
            Files.readString(TlsFixtures.path(TlsFixtures.SERVER_CERT)) + Files.readString(TlsFixtures.path("client-untrusted.pem")));
        start(TlsSettings.fromFlags(chain.toString(), TlsFixtures.path(TlsFixtures.SERVER_KEY).toString(), "", "", "tls1.2"));
        try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), "TLSv1.3"))
        {
            assertArrayEquals(PING, TlsClient.echo(socket, PING));
            assertEquals(2, socket.getSession().getPeerCertificates().length);
        }
    }

    @Test
    void servesTheInMemoryRsaAndEcCertificatesOfTheStartupTraining() throws Exception
    {
        for (final String algorithm : new String[] {"RSA", "EC"})
        {
            final SelfSignedCertificate generated = SelfSignedCertificate.generate(algorithm, "localhost");
            final Path cert = Files.writeString(dir.resolve(algorithm + ".pem"), generated.certificatePem());
            final Path key = Files.writeString(dir.resolve(algorithm + ".key"), generated.privateKeyPem());
            start(TlsSettings.fromFlags(cert.toString(), key.toString(), "", "", "tls1.2"));
            for (final String protocol : new String[] {"TLSv1.3", "TLSv1.2"})
            {
                try (SSLSocket socket = TlsClient.connect(TlsFixtures.anyServerNoCertificate(), server.port(), protocol))
                {
                    assertArrayEquals(PING, TlsClient.echo(socket, PING));
                    final X509Certificate served = (X509Certificate)socket.getSession().getPeerCertificates()[0];
                    assertEquals(algorithm, served.getPublicKey().getAlgorithm());
                    assertEquals("CN=localhost", served.getSubjectX500Principal().getName());
                    assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), List.copyOf(served.getSubjectAlternativeNames()));
                }
            }
            servers.closeAll();
        }
    }

    private void start(final TlsSettings settings) throws Exception
    {
        server = servers.start(new TlsOnAccept(settings, EchoHandler.factory(seen)));
    }
}
