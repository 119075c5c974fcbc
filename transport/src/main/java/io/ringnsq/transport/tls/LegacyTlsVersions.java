package io.ringnsq.transport.tls;

import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * TLS 1.0 and 1.1 for {@code --tls-min-version=tls1.0|tls1.1} (upstream's default is tls1.0).
 *
 * <p>The JDK lists both in the {@code jdk.tls.disabledAlgorithms} security property, and there is no way to lift
 * that for one engine: {@code SSLParameters.setAlgorithmConstraints} can only add constraints to that property's,
 * never remove any. So the two entries are taken out of the property itself, which is JVM-wide and read once,
 * when JSSE first loads: it takes effect only if nothing in this JVM used TLS before. Every other constraint in
 * the property stays. Other TLS users of the JVM (an auth HTTP client) then may negotiate 1.0 or 1.1 too,
 * unless they set their own protocols; clients still prefer the newest version both sides have.
 */
final class LegacyTlsVersions
{
    static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    private static final List<String> LEGACY = List.of("TLSv1", "TLSv1.1");

    private LegacyTlsVersions()
    {
    }

    /**
     * Takes TLS 1.0 and 1.1 out of the JVM's disabled algorithms.
     *
     * @return whether they can be negotiated now (false when JSSE had already read the property).
     */
    static synchronized boolean enable()
    {
        final String disabled = Security.getProperty(PROPERTY);
        if (disabled != null)
        {
            final List<String> entries = Arrays.stream(disabled.split(",")).map(String::trim).collect(Collectors.toList());
            if (entries.removeAll(LEGACY))
            {
                Security.setProperty(PROPERTY, String.join(", ", entries));
            }
        }
        return available();
    }

    /** Whether a server engine, as JSSE is loaded in this JVM, can negotiate TLS 1.0. */
    static boolean available()
    {
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            final SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setEnabledProtocols(new String[] {"TLSv1"});
            engine.beginHandshake(); // refuses with "No appropriate protocol" while TLS 1.0 is disabled
            engine.closeOutbound();
            return true;
        }
        catch (final GeneralSecurityException | SSLException ex)
        {
            return false;
        }
    }
}
