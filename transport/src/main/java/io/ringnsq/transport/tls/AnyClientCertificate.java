package io.ringnsq.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code --tls-client-auth-policy=require}: a client must present a certificate, and any will do, as Go's
 * {@code tls.RequireAnyClientCert}. Extending {@link X509ExtendedTrustManager} keeps the JDK from adding its
 * own chain checks around this one.
 */
final class AnyClientCertificate extends X509ExtendedTrustManager
{
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        requireOne(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        requireOne(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        requireOne(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        throw new CertificateException("nsqd's server side does not check server certificates");
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers()
    {
        return NO_ISSUERS; // no certificate_authorities hint: the client may send any certificate it has
    }

    private static void requireOne(final X509Certificate[] chain) throws CertificateException
    {
        if (chain == null || chain.length == 0)
        {
            throw new CertificateException("a client certificate is required");
        }
    }
}
