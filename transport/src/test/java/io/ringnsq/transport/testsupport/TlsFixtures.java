package io.ringnsq.transport.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

import io.ringnsq.transport.tls.TlsConfigException;
import io.ringnsq.transport.tls.TlsSettings;

/**
 * The PEM files of {@code src/test/resources/tls} (see its README), and server settings and client TLS contexts made
 * from them: nsqd's certificate {@code server-rsa.pem} (CN=localhost, IP SAN 127.0.0.1, signed by {@code ca.pem}); a
 * trusted client certificate (CN=client-one, signed by the CA) and an untrusted, self-signed one (CN=stranger).
 */
public final class TlsFixtures
{
    public static final String SERVER_CERT = "server-rsa.pem";
    public static final String SERVER_KEY = "server-rsa-pkcs8.key";
    public static final String CA = "ca.pem";
    public static final String TRUSTED_CLIENT_CERT = "client-trusted.pem";
    public static final String TRUSTED_CLIENT_KEY = "client-trusted.key";
    public static final String UNTRUSTED_CLIENT_CERT = "client-untrusted.pem";
    public static final String UNTRUSTED_CLIENT_KEY = "client-untrusted.key";

    private TlsFixtures()
    {
    }

    public static Path path(final String name)
    {
        final URL url = TlsFixtures.class.getResource("/tls/" + name);
        if (url == null)
        {
            throw new IllegalArgumentException("no fixture /tls/" + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Server settings from fixtures, minimum TLS 1.2: the default, TLS 1.0, changes a JVM-wide security property,
     * which only a forked JVM may do ({@code io.ringnsq.transport.tls.LegacyVersionProbe}).
     */
    public static TlsSettings server(final String cert, final String key, final String policy) throws TlsConfigException
    {
        return TlsSettings.fromFlags(path(cert).toString(), path(key).toString(), path(CA).toString(), policy, "tls1.2");
    }

    /** {@link #server} with nsqd's RSA certificate and no client certificate policy. */
    public static TlsSettings rsaServer() throws TlsConfigException
    {
        return server(SERVER_CERT, SERVER_KEY, "");
    }

    /** Trusts any server and shows no certificate: what nsqd clients mostly do with a self-signed broker. */
    public static SSLContext anyServerNoCertificate()
    {
        return context(null, null, new TrustManager[] {new TrustingClient()});
    }

    /** Trusts any server and shows the fixture certificate {@code cert} (with {@code key}, PKCS#8). */
    public static SSLContext anyServerWithCertificate(final String cert, final String key)
    {
        return context(cert, key, new TrustManager[] {new TrustingClient()});
    }

    /**
     * Trusts only servers with a certificate from the test CA (for HTTPS with host name checks), and shows the trusted
     * client certificate when a server asks for one (nsqd's HTTPS listener does under a client-auth policy).
     */
    public static SSLContext trustingTestCa()
    {
        try
        {
            final KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", certificate(CA));
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return context(TRUSTED_CLIENT_CERT, TRUSTED_CLIENT_KEY, factory.getTrustManagers());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static SSLContext context(final String cert, final String key, final TrustManager[] trust)
    {
        try
        {
            KeyManager[] keyManagers = null;
            if (cert != null)
            {
                final KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey(key), "pw".toCharArray(), new X509Certificate[] {certificate(cert)});
                final KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
                factory.init(store, "pw".toCharArray());
                keyManagers = new KeyManager[] {new AlwaysPresent((X509KeyManager)factory.getKeyManagers()[0])};
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust, null);
            return context;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static X509Certificate certificate(final String name)
    {
        try (InputStream pem = Files.newInputStream(path(name)))
        {
            return (X509Certificate)CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** An RSA key in PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    private static PrivateKey privateKey(final String name) throws Exception
    {
        final String pem = Files.readString(path(name), StandardCharsets.US_ASCII);
        final String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /**
     * Shows the one client certificate whatever issuers the server asks for: the JDK's own key manager would stay
     * silent when the server's list of acceptable CAs does not name the certificate's issuer, and the test of an
     * untrusted certificate must really present it.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager
    {
        private final X509KeyManager keys;

        AlwaysPresent(final X509KeyManager keys)
        {
            this.keys = keys;
        }

        @Override
        public String[] getClientAliases(final String keyType, final Principal[] issuers)
        {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket)
        {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(final String[] keyType, final Principal[] issuers, final SSLEngine engine)
        {
            return "client";
        }

        @Override
        public String[] getServerAliases(final String keyType, final Principal[] issuers)
        {
            return null;
        }

        @Override
        public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket)
        {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(final String alias)
        {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(final String alias)
        {
            return keys.getPrivateKey(alias);
        }
    }

    /** Trusts every server certificate, as nsqjs and go-nsq's default TLS settings do with a self-signed broker. */
    private static final class TrustingClient extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType)
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
        public void checkServerTrusted(final X509Certificate[] chain, final String authType)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
