package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.TlsFixtures;

/**
 * {@code --tls-min-version} (spec §1.9, §6.1): a client that offers only older versions fails the handshake, one that
 * offers the minimum gets through. (ringnsq's default minimum is TLS 1.2, not upstream's TLS 1.0: the JVM can allow
 * the old versions only process-wide; see NsqdContext.tlsMinVersion.)
 */
final class TlsMinVersionTest
{
    @Test
    void shouldRefuseATls12OnlyClientWhenTheMinimumIsTls13()
    {
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> FeatureNsqd.withTls(context).tlsMinVersion("tls1.3"));
             StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            final String failure = failure(() -> client.startTls(TlsFixtures.anyServerNoCertificate(), new String[] {"TLSv1.2"}, null));
            assertNotNull(failure, "a TLS 1.2 handshake succeeded against --tls-min-version=tls1.3");
            nsqd.assertStillServes(null);
        }
    }

    @Test
    void shouldAcceptTls13WhenTheMinimumIsTls13()
    {
        try (FeatureNsqd nsqd = FeatureNsqd.start(context -> FeatureNsqd.withTls(context).tlsMinVersion("tls1.3"));
             StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            client.startTls(TlsFixtures.anyServerNoCertificate(), new String[] {"TLSv1.3", "TLSv1.2"}, null);
            client.expectOk();
            assertEquals("TLSv1.3", client.tlsSession().getProtocol());
            client.roundTrip("min-tls13", "new enough");
        }
    }

    @Test
    void shouldAcceptTls12UnderTheDefaultMinimum()
    {
        try (FeatureNsqd nsqd = FeatureNsqd.start(FeatureNsqd::withTls); StackedClient client = nsqd.connect())
        {
            client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            client.startTls(TlsFixtures.anyServerNoCertificate(), new String[] {"TLSv1.2"}, null);
            client.expectOk();
            assertEquals("TLSv1.2", client.tlsSession().getProtocol());
            client.roundTrip("min-default", "TLS 1.2 is enough by default");
        }
    }

    /** Null when {@code action} succeeds, else the failure. */
    private static String failure(final Runnable action)
    {
        try
        {
            action.run();
            return null;
        }
        catch (final RuntimeException ex)
        {
            return ex + (ex.getCause() != null ? " (" + ex.getCause() + ")" : "");
        }
    }
}
