package io.ringnsq.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.SSLEngine;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ringnsq.transport.testsupport.TlsFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Building nsqd's TLS configuration from its flags: the key formats, the engines it makes, and a one-line
 * error naming the flag and file for everything that can be wrong with them.
 */
class TlsSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void readsThePkcs1KeyAndExpiredCertificateOfNsqjs() throws Exception
    {
        final TlsSettings settings = TlsFixtures.server("nsqjs-cert.pem", "nsqjs-key.pem", "");
        assertEquals("SHA1withRSA", settings.certificateChain().get(0).getSigAlgName());
    }

    @Test
    void readsPkcs8AndSec1KeysAndAKeyInTheSameFileAsTheChain() throws Exception
    {
        TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "");
        TlsFixtures.server("server-ec.pem", "server-ec-sec1.key", "");
        final Path combined = write("combined.pem", read("server-ec-sec1.key") + read("server-ec.pem"));
        final TlsSettings settings = TlsSettings.fromFlags(combined.toString(), combined.toString(), "", "", "tls1.2");
        assertEquals(1, settings.certificateChain().size());
    }

    @Test
    void readsASec1KeyWithoutCurveParametersByTakingTheCertificatesCurve() throws Exception
    {
        // SEC1 with [0] parameters and [1] public key dropped: rebuild the DER by hand from the fixture
        final byte[] sec1 = Pem.read("key", TlsFixtures.path("server-ec-sec1.key")).get(1).der();
        final Der.Reader fields = new Der.Reader(sec1).next(Der.SEQUENCE).open();
        final byte[] bare = Der.encode(Der.SEQUENCE, fields.next(Der.INTEGER).encoded(), fields.next(Der.OCTET_STRING).encoded());
        final Path key = write("bare.key", pem("EC PRIVATE KEY", bare));
        TlsSettings.fromFlags(TlsFixtures.path("server-ec.pem").toString(), key.toString(), "", "", "tls1.2");
    }

    @Test
    void enginesAreServerSideWithTheMinimumVersionPolicyAndGoCipherOrder() throws Exception
    {
        final SSLEngine plain = TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "").newEngine();
        assertFalse(plain.getUseClientMode());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, plain.getEnabledProtocols());
        assertFalse(plain.getNeedClientAuth() || plain.getWantClientAuth());
        assertEquals("TLS_AES_128_GCM_SHA256", plain.getEnabledCipherSuites()[0]);
        assertTrue(plain.getSSLParameters().getUseCipherSuitesOrder());
        assertTrue(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require").newEngine().getNeedClientAuth());
        assertTrue(TlsFixtures.server(TlsFixtures.SERVER_CERT, TlsFixtures.SERVER_KEY, "require-verify").newEngine().getNeedClientAuth());
        final TlsSettings tls13 = TlsSettings.fromFlags(TlsFixtures.path(TlsFixtures.SERVER_CERT).toString(),
            TlsFixtures.path(TlsFixtures.SERVER_KEY).toString(), "", "", "TLS1.3");
        assertArrayEquals(new String[] {"TLSv1.3"}, tls13.newEngine().getEnabledProtocols());
        assertEquals(TlsVersion.TLS1_3, tls13.minVersion());
    }

    @Test
    void flagValuesParseAsUpstreamParsesThem()
    {
        assertEquals(TlsVersion.TLS1_0, TlsVersion.parse(""));
        assertEquals(TlsVersion.TLS1_1, TlsVersion.parse("TLS1.1"));
        assertEquals(TlsVersion.TLS1_2, TlsVersion.parse("tls1.2"));
        assertEquals("unknown tlsVersionOption \"ssl3.0\"",
            assertThrows(IllegalArgumentException.class, () -> TlsVersion.parse("ssl3.0")).getMessage());
        assertEquals(ClientAuthPolicy.REQUIRE, ClientAuthPolicy.fromFlag("require"));
        assertEquals(ClientAuthPolicy.REQUIRE_VERIFY, ClientAuthPolicy.fromFlag("require-verify"));
        assertEquals(ClientAuthPolicy.NONE, ClientAuthPolicy.fromFlag(""));
        assertEquals(ClientAuthPolicy.NONE, ClientAuthPolicy.fromFlag("Require"), "upstream compares exactly");
    }

    @Test
    void statsNamesFollowUpstream()
    {
        assertEquals("Unknown 4865", CipherSuites.statsName("TLS_AES_128_GCM_SHA256"));
        assertEquals("Unknown 49200", CipherSuites.statsName("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", CipherSuites.statsName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals("TLS1.0", TlsVersion.fromJdkName("TLSv1").statsName());
        // several CNs: the last in certificate order wins, as Go's pkix.Name; RFC 2253 text lists it first
        assertEquals("last", TlsSessionInfo.commonName(new X500Principal("CN=last, O=ringnsq, CN=first")));
        assertEquals("", TlsSessionInfo.commonName(new X500Principal("O=ringnsq")));
    }

    @Test
    void missingFilesAreNamedWithTheirFlag()
    {
        final String missing = dir.resolve("nope.pem").toString();
        assertError("--tls-cert " + missing + ": no such file", missing, key(TlsFixtures.SERVER_KEY), "", "");
        assertError("--tls-key " + missing + ": no such file", cert(TlsFixtures.SERVER_CERT), missing, "", "");
        assertError("--tls-root-ca-file " + missing + ": no such file",
            cert(TlsFixtures.SERVER_CERT), key(TlsFixtures.SERVER_KEY), missing, "");
        assertError("--tls-cert and --tls-key must be given together", cert(TlsFixtures.SERVER_CERT), "", "", "");
    }

    @Test
    void directoryGivenForAFileIsRefused()
    {
        final TlsConfigException error = assertThrows(TlsConfigException.class,
            () -> TlsSettings.fromFlags(cert(TlsFixtures.SERVER_CERT), dir.toString(), "", "", "tls1.2"));
        assertTrue(error.getMessage().startsWith("--tls-key " + dir + ": cannot read: "), error.getMessage());
    }

    @Test
    void unreadableFileIsRefused() throws Exception
    {
        final Path unreadable = write("secret.key", read(TlsFixtures.SERVER_KEY));
        assertTrue(unreadable.toFile().setReadable(false, false));
        assumeFalse(Files.isReadable(unreadable), "permissions are not enforced for this user (root)");
        assertError("--tls-key " + unreadable + ": permission denied", cert(TlsFixtures.SERVER_CERT), unreadable.toString(), "", "");
    }

    @Test
    void garbledOrEmptyFilesAreRefused() throws Exception
    {
        final Path text = write("text.pem", "just some text\n");
        assertError("--tls-cert " + text + ": no CERTIFICATE block (is it a PEM file?)", text.toString(), key(TlsFixtures.SERVER_KEY), "", "");
        assertError("--tls-key " + text + ": no PEM data (expected a PRIVATE KEY block)", cert(TlsFixtures.SERVER_CERT), text.toString(), "", "");

        final String keyPem = read(TlsFixtures.SERVER_KEY);
        final Path badBase64 = write("bad64.key", keyPem.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!"));
        assertError("--tls-key " + badBase64 + ": PEM block PRIVATE KEY is garbled (bad base64)",
            cert(TlsFixtures.SERVER_CERT), badBase64.toString(), "", "");

        final byte[] der = Pem.read("key", TlsFixtures.path(TlsFixtures.SERVER_KEY)).get(0).der();
        final Path truncated = write("truncated.key", pem("PRIVATE KEY", Arrays.copyOf(der, der.length / 2)));
        assertStartsWith("--tls-key " + truncated + ": garbled PRIVATE KEY (", cert(TlsFixtures.SERVER_CERT), truncated.toString());

        final Path pkcs1 = write("truncated-rsa.key", pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01}));
        assertStartsWith("--tls-key " + pkcs1 + ": garbled RSA PRIVATE KEY (", cert(TlsFixtures.SERVER_CERT), pkcs1.toString());

        final Path certDer = write("garbled-cert.pem", pem("CERTIFICATE", new byte[] {0x30, 0x05, 1, 2, 3, 4, 5}));
        assertStartsWith("--tls-cert " + certDer + ": garbled CERTIFICATE (", certDer.toString(), key(TlsFixtures.SERVER_KEY));

        final Path unterminated = write("open.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertError("--tls-cert " + unterminated + ": PEM block CERTIFICATE has no END line",
            unterminated.toString(), key(TlsFixtures.SERVER_KEY), "", "");
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused()
    {
        final String cert = cert(TlsFixtures.SERVER_CERT);
        assertError("--tls-key " + key("client-trusted.key") + " does not match the certificate in --tls-cert " + cert,
            cert, key("client-trusted.key"), "", "");
        assertError("--tls-key " + key("server-ec-sec1.key") + " does not match the certificate in --tls-cert " + cert,
            cert, key("server-ec-sec1.key"), "", "");
        final String ecCert = cert("server-ec.pem");
        assertError("--tls-key " + key(TlsFixtures.SERVER_KEY) + " does not match the certificate in --tls-cert " + ecCert,
            ecCert, key(TlsFixtures.SERVER_KEY), "", "");
    }

    @Test
    void encryptedKeysAndUnknownVersionsAreRefused() throws Exception
    {
        final Path encrypted = write("enc.key", pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        assertError("--tls-key " + encrypted + ": the private key is encrypted; nsqd needs it unencrypted",
            cert(TlsFixtures.SERVER_CERT), encrypted.toString(), "", "");
        final Path legacy = write("legacy.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nMAA=\n-----END RSA PRIVATE KEY-----\n");
        assertError("--tls-key " + legacy + ": the private key is encrypted; nsqd needs it unencrypted",
            cert(TlsFixtures.SERVER_CERT), legacy.toString(), "", "");
        assertError("--tls-min-version: unknown tlsVersionOption \"ssl3.0\"",
            cert(TlsFixtures.SERVER_CERT), key(TlsFixtures.SERVER_KEY), "", "ssl3.0");
    }

    @Test
    void rootCaFileWithoutCertificatesIsRefused() throws Exception
    {
        final Path empty = write("empty-ca.pem", read(TlsFixtures.SERVER_KEY));
        assertError("--tls-root-ca-file " + empty + ": no CERTIFICATE block (is it a PEM file?)",
            cert(TlsFixtures.SERVER_CERT), key(TlsFixtures.SERVER_KEY), empty.toString(), "");
    }

    private static void assertError(
        final String expected, final String cert, final String key, final String rootCa, final String minVersion)
    {
        final TlsConfigException error = assertThrows(TlsConfigException.class,
            () -> TlsSettings.fromFlags(cert, key, rootCa, "", minVersion.isEmpty() ? "tls1.2" : minVersion));
        assertEquals(expected, error.getMessage());
    }

    private static void assertStartsWith(final String prefix, final String cert, final String key)
    {
        final TlsConfigException error = assertThrows(TlsConfigException.class,
            () -> TlsSettings.fromFlags(cert, key, "", "", "tls1.2"));
        assertTrue(error.getMessage().startsWith(prefix), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
    }

    private static String cert(final String name)
    {
        return TlsFixtures.path(name).toString();
    }

    private static String key(final String name)
    {
        return TlsFixtures.path(name).toString();
    }

    private static String read(final String fixture) throws IOException
    {
        return Files.readString(TlsFixtures.path(fixture), StandardCharsets.US_ASCII);
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

}
