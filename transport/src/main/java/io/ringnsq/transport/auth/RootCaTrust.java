package io.ringnsq.transport.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Upstream's client TLS config for the auth servers: with {@code --tls-root-ca-file}, the
 * certificates in that PEM file are the only trusted roots ({@code RootCAs}); blocks that are not
 * certificates, or do not parse, are skipped as {@code AppendCertsFromPEM} skips them, and a file
 * with none fails nsqd's start with upstream's message.
 */
final class RootCaTrust
{
    private static final Pattern CERTIFICATE = Pattern.compile(
        "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private RootCaTrust()
    {
    }

    /** The SSL context trusting only the file's certificates. */
    static SSLContext fromPemFile(final Path file)
    {
        final String pem;
        try
        {
            pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("failed to build client TLS config - open " + file + ": " + ex.getMessage(), ex);
        }
        try
        {
            final KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            final CertificateFactory factory = CertificateFactory.getInstance("X.509");
            final Matcher block = CERTIFICATE.matcher(pem);
            int count = 0;
            while (block.find())
            {
                final Certificate certificate = parse(factory, block.group(1));
                if (certificate != null)
                {
                    roots.setCertificateEntry("root-" + count++, certificate);
                }
            }
            if (count == 0)
            {
                throw new IllegalArgumentException("failed to build client TLS config - failed to append certificate to pool");
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (final GeneralSecurityException | IOException ex)
        {
            throw new IllegalArgumentException("failed to build client TLS config - " + ex.getMessage(), ex);
        }
    }

    private static Certificate parse(final CertificateFactory factory, final String base64)
    {
        try
        {
            final byte[] der = Base64.getMimeDecoder().decode(base64);
            return factory.generateCertificate(new ByteArrayInputStream(der));
        }
        catch (final IllegalArgumentException | CertificateException ex)
        {
            return null;
        }
    }
}
