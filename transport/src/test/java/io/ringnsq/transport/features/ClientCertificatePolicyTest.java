package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import io.ringnsq.transport.testsupport.Frame;
import io.ringnsq.transport.testsupport.TlsFixtures;
import io.ringnsq.transport.testsupport.Wire;

/**
 * {@code --tls-client-auth-policy} (spec §1.9, §6.1): {@code require} takes any client certificate and refuses a
 * client without one; {@code require-verify} takes only certificates that verify against {@code --tls-root-ca-file}.
 * A refused client fails the handshake (or, with TLS 1.3, its first read) instead of getting the {@code OK}; the
 * nsqd keeps serving others. A policy also turns {@code --tls-required} on: a PUB before TLS is refused.
 */
final class ClientCertificatePolicyTest
{
    private static final SSLContext NO_CERTIFICATE = TlsFixtures.anyServerNoCertificate();
    private static final SSLContext TRUSTED = TlsFixtures.anyServerWithCertificate(TlsFixtures.TRUSTED_CLIENT_CERT, TlsFixtures.TRUSTED_CLIENT_KEY);
    private static final SSLContext UNTRUSTED =
        TlsFixtures.anyServerWithCertificate(TlsFixtures.UNTRUSTED_CLIENT_CERT, TlsFixtures.UNTRUSTED_CLIENT_KEY);

    private static FeatureNsqd start(final String policy)
    {
        return FeatureNsqd.start(context -> FeatureNsqd.withTls(context).tlsClientAuthPolicy(policy));
    }

    @Test
    void shouldRefuseAClientWithoutCertificateUnderRequire()
    {
        try (FeatureNsqd nsqd = start("require"))
        {
            assertRefused(nsqd, NO_CERTIFICATE);
            nsqd.assertStillServes(UNTRUSTED);
        }
    }

    @Test
    void shouldAcceptAnyCertificateEvenAnUntrustedOneUnderRequire()
    {
        try (FeatureNsqd nsqd = start("require"))
        {
            assertAccepted(nsqd, UNTRUSTED, "require-untrusted");
            assertAccepted(nsqd, TRUSTED, "require-trusted");
        }
    }

    @Test
    void shouldRefuseAnUntrustedCertificateUnderRequireVerify()
    {
        try (FeatureNsqd nsqd = start("require-verify"))
        {
            assertRefused(nsqd, UNTRUSTED);
            nsqd.assertStillServes(TRUSTED);
        }
    }

    @Test
    void shouldRefuseAClientWithoutCertificateUnderRequireVerify()
    {
        try (FeatureNsqd nsqd = start("require-verify"))
        {
            assertRefused(nsqd, NO_CERTIFICATE);
            nsqd.assertStillServes(TRUSTED);
        }
    }

    @Test
    void shouldAcceptACertificateSignedByTheRootCaUnderRequireVerify()
    {
        try (FeatureNsqd nsqd = start("require-verify"))
        {
            assertAccepted(nsqd, TRUSTED, "verified");
        }
    }

    @Test
    void shouldRequireTlsForCommandsOnceAPolicyIsSet()
    {
        try (FeatureNsqd nsqd = start("require"); StackedClient client = nsqd.connect())
        {
            client.send("PUB t", Wire.utf8("plain"));
            client.expectFatalError("E_INVALID cannot PUB in current state (TLS required)");
        }
    }

    private static void assertRefused(final FeatureNsqd nsqd, final SSLContext context)
    {
        try (StackedClient client = nsqd.connect())
        {
            final Frame answer = client.identify("{\"feature_negotiation\":true,\"tls_v1\":true}");
            assertEquals(IdentifyResponse.defaults().withTls(true).json(), answer.text());
            final String failure = client.tlsFailure(context);
            assertNotNull(failure, "nsqd completed the handshake and sent OK to a client it should refuse");
            System.out.println("[client-cert] refused as expected: " + failure);
        }
    }

    private static void assertAccepted(final FeatureNsqd nsqd, final SSLContext context, final String clientId)
    {
        try (StackedClient client = nsqd.connect())
        {
            final Frame answer = client.identify("{\"client_id\":\"" + clientId + "\",\"feature_negotiation\":true,\"tls_v1\":true}");
            assertEquals(IdentifyResponse.defaults().withTls(true).json(), answer.text());
            assertNull(client.tlsFailure(context), "the handshake and the OK after it");
            client.roundTrip("cert-" + clientId, "with a client certificate");
            ClientStats.assertStreamFields(nsqd, clientId, client.tlsSession(), false, false);
        }
    }
}
