package io.ringnsq.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager of nsqd's server side: only {@link #checkClientTrusted(X509Certificate[], String)} says anything;
 * the socket and engine variants defer to it, and server certificates are never checked. Extending
 * {@link X509ExtendedTrustManager} keeps the JDK from adding its own chain checks around it. No issuers are named
 * (no certificate_authorities hint), so a client may send any certificate it has.
 */
abstract class ClientCertificateCheck extends X509ExtendedTrustManager
{
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    @Override
    public final void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        checkClientTrusted(chain, authType);
    }

    @Override
    public final void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        checkClientTrusted(chain, authType);
    }

    @Override
    public final void checkServerTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        throw new CertificateException("nsqd's server side does not check server certificates");
    }

    @Override
    public final void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        throws CertificateException
    {
        checkServerTrusted(chain, authType);
    }

    @Override
    public final void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
        throws CertificateException
    {
        checkServerTrusted(chain, authType);
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers()
    {
        return NO_ISSUERS;
    }
}
