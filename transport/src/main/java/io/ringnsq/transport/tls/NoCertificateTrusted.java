package io.ringnsq.transport.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * No {@code --tls-client-auth-policy}: no client certificate is asked for, so nothing is ever checked here. Given
 * to the JDK in place of null, which would make it load and parse its default CA store (over a hundred
 * certificates, tens of milliseconds at start) for a trust manager that is never consulted.
 */
final class NoCertificateTrusted extends ClientCertificateCheck
{
    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException
    {
        throw new CertificateException("no client certificate is asked for without --tls-client-auth-policy");
    }
}
