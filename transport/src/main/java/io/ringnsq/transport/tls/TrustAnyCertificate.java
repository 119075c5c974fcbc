package io.ringnsq.transport.tls;

import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * Go's {@code InsecureSkipVerify} for a TLS client: any certificate chain is accepted. For nsqadmin's
 * {@code --http-client-tls-insecure-skip-verify} and the load harness (test certificates); never for a server.
 */
public final class TrustAnyCertificate implements X509TrustManager
{
    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType)
    {
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType)
    {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers()
    {
        return new X509Certificate[0];
    }
}
