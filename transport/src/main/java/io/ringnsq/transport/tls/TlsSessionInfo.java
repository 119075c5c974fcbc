package io.ringnsq.transport.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * What an established TLS session tells /stats and AUTH, fixed when the handshake completes. Immutable, so it
 * may be handed to other threads.
 *
 * @param version {@code tls_version}: {@code TLS1.0} .. {@code TLS1.3}.
 * @param cipherSuite the negotiated suite's standard name, e.g. {@code TLS_AES_128_GCM_SHA256}.
 * @param statsCipherSuite {@code tls_cipher_suite} as upstream writes it: the name for the 13 suites upstream
 *     knows, else {@code Unknown <IANA number>} (every TLS 1.3 suite: {@code Unknown 4865}).
 * @param negotiatedProtocol {@code tls_negotiated_protocol}: the ALPN protocol; empty, nsqd offers none.
 * @param negotiatedProtocolIsMutual {@code tls_negotiated_protocol_is_mutual}: Go documents it as always true.
 * @param commonName the client certificate's subject CN, {@code common_name} for AUTH; empty without one.
 */
public record TlsSessionInfo(
    String version,
    String cipherSuite,
    String statsCipherSuite,
    String negotiatedProtocol,
    boolean negotiatedProtocolIsMutual,
    String commonName)
{
    /** The session {@code engine} has just established. */
    static TlsSessionInfo of(final SSLEngine engine)
    {
        final SSLSession session = engine.getSession();
        final TlsVersion version = TlsVersion.fromJdkName(session.getProtocol());
        final String suite = session.getCipherSuite();
        final String alpn = engine.getApplicationProtocol();
        return new TlsSessionInfo(
            version != null ? version.statsName() : session.getProtocol(),
            suite,
            CipherSuites.statsName(suite),
            alpn == null ? "" : alpn,
            true,
            peerCommonName(session));
    }

    private static String peerCommonName(final SSLSession session)
    {
        try
        {
            final Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate)
            {
                return commonName(((X509Certificate)chain[0]).getSubjectX500Principal());
            }
        }
        catch (final SSLPeerUnverifiedException ex)
        {
            // no client certificate: no name
        }
        return "";
    }

    /**
     * The subject's CN as Go's {@code pkix.Name.CommonName}: when several are present, the last one in the
     * certificate's order wins; empty if there is none or it is not a string.
     */
    static String commonName(final X500Principal subject)
    {
        try
        {
            // LdapName lists RDNs from the rightmost in RFC 2253 text, which is the first in the certificate
            final List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            String commonName = "";
            for (final Rdn rdn : rdns)
            {
                final Attribute attribute = rdn.toAttributes().get("CN");
                if (attribute != null && attribute.get() instanceof String)
                {
                    commonName = (String)attribute.get();
                }
            }
            return commonName;
        }
        catch (final NamingException ex)
        {
            return "";
        }
    }
}
