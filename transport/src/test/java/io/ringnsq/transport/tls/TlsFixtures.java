package io.ringnsq.transport.tls;

import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The PEM fixtures of {@code src/test/resources/tls} (see the README there), and TLS settings and client
 * contexts made from them. In-process tests ask for TLS 1.2 as the minimum: the default, TLS 1.0, changes a
 * JVM-wide security property, which only the forked {@link LegacyVersionProbe} does.
 */
final class TlsFixtures
{
    static final String RSA_CERT = "server-rsa.pem";
    static final String RSA_KEY = "server-rsa-pkcs8.key";

    private TlsFixtures()
    {
    }

    static Path path(final String name)
    {
        final URL url = TlsFixtures.class.getResource("/tls/" + name);
        if (url == null)
        {
            throw new IllegalArgumentException("no fixture " + name);
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

    /** Server settings from fixtures, minimum TLS 1.2. */
    static TlsSettings server(final String cert, final String key, final String policy) throws TlsConfigException
    {
        return TlsSettings.fromFlags(path(cert).toString(), path(key).toString(), path("ca.pem").toString(), policy, "tls1.2");
    }

    static TlsSettings rsaServer() throws TlsConfigException
    {
        return server(RSA_CERT, RSA_KEY, "");
    }

    /** A client context that trusts any server (nsqd clients mostly do) and presents no certificate. */
    static SSLContext client() throws Exception
    {
        return client(null, null);
    }

    /** A client context that trusts any server and presents the fixture certificate {@code cert} with {@code key}. */
    static SSLContext client(final String cert, final String key) throws Exception
    {
        KeyManager[] keyManagers = null;
        if (cert != null)
        {
            final X509Certificate certificate = certificate(cert);
            final PrivateKey privateKey = PrivateKeys.read(key, Pem.read("key", path(key)), certificate);
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey, "pw".toCharArray(), new X509Certificate[] {certificate});
            final KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, "pw".toCharArray());
            keyManagers = factory.getKeyManagers();
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new TrustManager[] {new TrustingClient()}, null);
        return context;
    }

    static X509Certificate certificate(final String name) throws Exception
    {
        final List<Pem.Block> blocks = Pem.read("cert", path(name));
        return (X509Certificate)CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(blocks.get(0).der()));
    }

    /** Trusts every server, as nsqjs and go-nsq's default TLS settings do with a self-signed broker. */
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
