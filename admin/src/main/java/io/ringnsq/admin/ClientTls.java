package io.ringnsq.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.ringnsq.transport.tls.TlsConfigException;
import io.ringnsq.transport.tls.TlsSettings;
import io.ringnsq.transport.tls.TrustAnyCertificate;

/**
 * The TLS side of nsqadmin's HTTP client, from upstream's {@code --http-client-tls-*} flags: the roots of
 * {@code --http-client-tls-root-ca-file} as the only trusted ones, or no verification at all with
 * {@code --http-client-tls-insecure-skip-verify}; otherwise the JVM's default trust. With {@code --http-client-tls-cert}
 * and {@code --http-client-tls-key} it presents that certificate to a node that asks for one (an nsqd with
 * {@code --tls-client-auth-policy}).
 */
final class ClientTls
{
    /** The JDK HttpClient checks host names unless this is set before its first use (a process-wide switch). */
    private static final String NO_HOST_CHECK = "jdk.internal.httpclient.disableHostnameVerification";

    private ClientTls()
    {
    }

    /** The client's SSL context; null for the JVM's default. */
    static SSLContext sslContext(final AdminContext context)
    {
        try
        {
            final KeyManager[] keys = clientCertificate(context);
            final TrustManager[] trust;
            if (context.httpClientTlsInsecureSkipVerify())
            {
                System.setProperty(NO_HOST_CHECK, "true");
                trust = new TrustManager[] {new TrustAnyCertificate()};
            }
            else if (!context.httpClientTlsRootCaFile().isEmpty())
            {
                trust = roots(Path.of(context.httpClientTlsRootCaFile())).getTrustManagers();
            }
            else if (keys == null)
            {
                return null;
            }
            else
            {
                trust = null; // the JVM's default trust, with the client certificate
            }
            final SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, trust, new SecureRandom());
            return ssl;
        }
        catch (final GeneralSecurityException | TlsConfigException ex)
        {
            throw new IllegalArgumentException("failed to build the HTTP client's TLS config - " + ex.getMessage(), ex);
        }
    }

    /** The pair of {@code --http-client-tls-cert} and {@code --http-client-tls-key}, presented when a node asks; or null. */
    private static KeyManager[] clientCertificate(final AdminContext context) throws TlsConfigException
    {
        if (context.httpClientTlsCert().isEmpty())
        {
            return null;
        }
        return new KeyManager[] {TlsSettings.clientKeyManager("--http-client-tls-cert", Path.of(context.httpClientTlsCert()),
            "--http-client-tls-key", Path.of(context.httpClientTlsKey()))};
    }

    private static TrustManagerFactory roots(final Path file) throws GeneralSecurityException
    {
        final Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file))
        {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("failed to read --http-client-tls-root-ca-file " + file + ": " + ex.getMessage(), ex);
        }
        if (certificates.isEmpty())
        {
            throw new IllegalArgumentException("--http-client-tls-root-ca-file " + file + " holds no certificate");
        }
        final KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try
        {
            store.load(null, null);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        int i = 0;
        for (final Certificate certificate : certificates)
        {
            store.setCertificateEntry("root-" + i++, certificate);
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}
