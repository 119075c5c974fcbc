package io.ringnsq.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.ringnsq.transport.nio.Connection;
import io.ringnsq.transport.nio.StreamLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nsqd's TLS configuration, built once from its flags ({@code --tls-cert}, {@code --tls-key},
 * {@code --tls-root-ca-file}, {@code --tls-client-auth-policy}, {@code --tls-min-version}) as upstream's
 * {@code buildTLSConfig} does, and the server engines and {@link TlsLayer}s made from it. Thread-safe.
 *
 * <p>The certificate is served whatever its dates or signature algorithm (nsqjs's test certificate is SHA-1
 * and expired in 2015): a server never checks its own. The cipher suites are Go's defaults in Go's order.
 * With a minimum below TLS 1.2, this must be built before anything in the JVM uses TLS; see
 * {@code LegacyTlsVersions} for why and for what else it changes.
 */
public final class TlsSettings
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsSettings.class);

    private final SSLContext context;
    private final ClientAuthPolicy policy;
    private final TlsVersion minVersion;
    private final TlsVersion effectiveMinVersion;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final List<X509Certificate> certificateChain;
    private final List<X509Certificate> rootCertificates;

    private TlsSettings(
        final SSLContext context,
        final ClientAuthPolicy policy,
        final TlsVersion minVersion,
        final TlsVersion effectiveMinVersion,
        final List<X509Certificate> certificateChain,
        final List<X509Certificate> rootCertificates)
    {
        this.context = context;
        this.policy = policy;
        this.minVersion = minVersion;
        this.effectiveMinVersion = effectiveMinVersion;
        this.protocols = effectiveMinVersion.jdkNamesFromHere();
        // the factory's list is the context's own; getSupportedSSLParameters() would build a socket to ask it
        this.cipherSuites = CipherSuites.offered(context.getServerSocketFactory().getSupportedCipherSuites());
        this.certificateChain = certificateChain;
        this.rootCertificates = rootCertificates;
    }

    /**
     * From nsqd's flag values, as given (empty strings for unset flags).
     *
     * @param tlsCert PEM file with the certificate chain, leaf first.
     * @param tlsKey PEM file with the private key (PKCS#1, PKCS#8 or SEC1; may be the same file as the chain).
     * @param tlsRootCaFile PEM bundle of CAs that client certificates must chain to; empty for none.
     * @param tlsClientAuthPolicy {@code ""}, {@code require} or {@code require-verify}.
     * @param tlsMinVersion {@code tls1.0} .. {@code tls1.3}, any case; empty for the default, tls1.0.
     * @throws TlsConfigException with a one-line message saying what is wrong with which file or flag.
     */
    public static TlsSettings fromFlags(
        final String tlsCert,
        final String tlsKey,
        final String tlsRootCaFile,
        final String tlsClientAuthPolicy,
        final String tlsMinVersion) throws TlsConfigException
    {
        if (isEmpty(tlsCert) || isEmpty(tlsKey))
        {
            throw new TlsConfigException("--tls-cert and --tls-key must be given together");
        }
        final TlsVersion minVersion;
        try
        {
            minVersion = TlsVersion.parse(tlsMinVersion);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TlsConfigException("--tls-min-version: " + ex.getMessage());
        }
        return create(
            Path.of(tlsCert),
            Path.of(tlsKey),
            isEmpty(tlsRootCaFile) ? null : Path.of(tlsRootCaFile),
            ClientAuthPolicy.fromFlag(tlsClientAuthPolicy),
            minVersion);
    }

    /**
     * From parsed values.
     *
     * @param rootCaFile null for none: {@link ClientAuthPolicy#REQUIRE_VERIFY} then trusts the JDK's default CAs.
     */
    public static TlsSettings create(
        final Path certFile,
        final Path keyFile,
        final Path rootCaFile,
        final ClientAuthPolicy policy,
        final TlsVersion minVersion) throws TlsConfigException
    {
        final KeyPairManager pair = keyPair("--tls-cert", certFile, "--tls-key", keyFile, false);
        final List<X509Certificate> chain = pair.chain();
        final List<X509Certificate> roots = rootCaFile == null ? List.of() : certificates("--tls-root-ca-file", rootCaFile);

        TlsVersion effective = minVersion;
        if (minVersion.compareTo(TlsVersion.TLS1_2) < 0 && !LegacyTlsVersions.enable())
        {
            effective = TlsVersion.TLS1_2;
            LOG.warn("--tls-min-version={}: TLS 1.0 and 1.1 stay disabled, TLS was in use in this JVM before nsqd set it up; "
                + "accepting TLS 1.2 and later", minVersion.flagValue());
        }
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {pair}, trustManagers(policy, roots), null);
            return new TlsSettings(context, policy, minVersion, effective, List.copyOf(chain), List.copyOf(roots));
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new TlsConfigException("cannot set up TLS: " + ex, ex);
        }
    }

    /**
     * The key manager of a TLS client that presents {@code certFile} with {@code keyFile} (PEM, read as nsqd reads its
     * own pair) when a server asks for a certificate: nsqadmin's {@code --http-client-tls-cert} and {@code -key}.
     */
    public static KeyManager clientKeyManager(final String certFlag, final Path certFile, final String keyFlag, final Path keyFile)
        throws TlsConfigException
    {
        return keyPair(certFlag, certFile, keyFlag, keyFile, true);
    }

    private static KeyPairManager keyPair(
        final String certFlag, final Path certFile, final String keyFlag, final Path keyFile, final boolean client)
        throws TlsConfigException
    {
        final List<X509Certificate> chain = certificates(certFlag, certFile);
        final String keySource = keyFlag + " " + keyFile;
        final PrivateKey key = PrivateKeys.read(keySource, Pem.read(keyFlag, keyFile), chain.get(0));
        if (!PrivateKeys.matches(key, chain.get(0).getPublicKey()))
        {
            throw new TlsConfigException(keySource + " does not match the certificate in " + certFlag + " " + certFile);
        }
        return new KeyPairManager(key, chain, client);
    }

    /** A server engine with this configuration, handshake not begun. */
    public SSLEngine newEngine()
    {
        final SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        final SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        if (policy == ClientAuthPolicy.NONE)
        {
            parameters.setWantClientAuth(false);
        }
        else
        {
            parameters.setNeedClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * What {@link Connection#pushLayer} takes to start TLS on {@code connection}: a {@link TlsLayer} over its
     * current top layer, fed the bytes already read.
     *
     * @param listener told when the handshake completes (the V2 handler sends its {@code OK} then); may be null.
     */
    public StreamLayer.Factory layerFor(final Connection connection, final TlsLayer.HandshakeListener listener)
    {
        return (below, pending) -> new TlsLayer(newEngine(), below, pending, connection::markDirty, listener);
    }

    /** Whether and how client certificates are asked for. */
    public ClientAuthPolicy clientAuthPolicy()
    {
        return policy;
    }

    /** The minimum version asked for. */
    public TlsVersion minVersion()
    {
        return minVersion;
    }

    /** The minimum version that can be negotiated: TLS 1.2 when TLS 1.0/1.1 were asked for but could not be enabled. */
    public TlsVersion effectiveMinVersion()
    {
        return effectiveMinVersion;
    }

    /** The served chain, leaf first. */
    public List<X509Certificate> certificateChain()
    {
        return certificateChain;
    }

    /** The CAs of {@code --tls-root-ca-file} (empty without it), which the auth HTTP client also trusts upstream. */
    public List<X509Certificate> rootCertificates()
    {
        return rootCertificates;
    }

    private static List<X509Certificate> certificates(final String flag, final Path file) throws TlsConfigException
    {
        final String source = flag + " " + file;
        final List<Pem.Block> blocks = Pem.read(flag, file);
        final List<X509Certificate> certificates = new ArrayList<>();
        try
        {
            final CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (final Pem.Block block : blocks)
            {
                if (block.type().equals("CERTIFICATE"))
                {
                    certificates.add((X509Certificate)factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        }
        catch (final CertificateException ex)
        {
            throw new TlsConfigException(source + ": garbled CERTIFICATE (" + TlsConfigException.reason(ex) + ")", ex);
        }
        if (certificates.isEmpty())
        {
            throw new TlsConfigException(source + ": no CERTIFICATE block (is it a PEM file?)");
        }
        return certificates;
    }

    private static TrustManager[] trustManagers(final ClientAuthPolicy policy, final List<X509Certificate> roots)
        throws GeneralSecurityException, IOException
    {
        switch (policy)
        {
            case REQUIRE:
                return new TrustManager[] {new AnyClientCertificate()};
            case REQUIRE_VERIFY:
                final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                if (roots.isEmpty())
                {
                    factory.init((KeyStore)null); // the JDK's default CAs, as Go falls back to the system roots
                }
                else
                {
                    final KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    for (int i = 0; i < roots.size(); i++)
                    {
                        store.setCertificateEntry("ca-" + i, roots.get(i));
                    }
                    factory.init(store);
                }
                return factory.getTrustManagers();
            default:
                return new TrustManager[] {new NoCertificateTrusted()}; // never consulted; null loads the JDK's CAs
        }
    }

    private static boolean isEmpty(final String value)
    {
        return value == null || value.isEmpty();
    }
}
