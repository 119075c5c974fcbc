package io.ringnsq.transport.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * {@code --tls-client-auth-policy=require}: a client must present a certificate, and any will do, as Go's
 * {@code tls.RequireAnyClientCert}.
 */
final class AnyClientCertificate extends ClientCertificateCheck
{
    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        if (chain == null || chain.length == 0)
        {
            throw new CertificateException("a client certificate is required");
        }
    }
}
