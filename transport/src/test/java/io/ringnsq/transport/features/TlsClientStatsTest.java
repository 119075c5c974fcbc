package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ringnsq.transport.testsupport.TlsFixtures;

/**
 * {@code /stats} for TLS clients by protocol version and cipher suite (spec §3.3): {@code tls_version} as
 * {@code TLS1.2}/{@code TLS1.3}, {@code tls_cipher_suite} as upstream writes it (a name for the 13 suites its stats
 * code knows, {@code Unknown <IANA number>} for any other, which includes every TLS 1.3 suite), with and without
 * compression on top.
 */
final class TlsClientStatsTest
{
    @ParameterizedTest(name = "{0} {1} + {2}: tls_version {3}, tls_cipher_suite {4}")
    @CsvSource({
        "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, none,    TLS1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, none,    TLS1.2, Unknown 49200",
        "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, snappy,  TLS1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLSv1.3, TLS_AES_128_GCM_SHA256,                none,    TLS1.3, Unknown 4865",
        "TLSv1.3, TLS_AES_256_GCM_SHA384,                deflate, TLS1.3, Unknown 4866",
        "TLSv1.3, TLS_CHACHA20_POLY1305_SHA256,          none,    TLS1.3, Unknown 4867",
    })
    void shouldReportTheNegotiatedVersionAndCipherSuiteAsUpstreamNamesThem(
        final String protocol, final String suite, final String compression, final String version, final String shownSuite)
    {
        final String clientId = "stats-" + protocol + "-" + suite + "-" + compression;
        try (FeatureNsqd nsqd = FeatureNsqd.start(FeatureNsqd::withTls); StackedClient client = nsqd.connect())
        {
            final boolean deflate = "deflate".equals(compression);
            final boolean snappy = "snappy".equals(compression);
            client.identify("{\"client_id\":\"" + clientId + "\",\"feature_negotiation\":true,\"tls_v1\":true,\"deflate\":" + deflate
                + ",\"snappy\":" + snappy + "}");
            client.startTls(TlsFixtures.anyServerNoCertificate(), new String[] {protocol}, new String[] {suite});
            client.expectOk();
            if (deflate)
            {
                client.startDeflate(6);
                client.expectOk();
            }
            if (snappy)
            {
                client.startSnappy();
                client.expectOk();
            }
            assertEquals(suite, client.tlsSession().getCipherSuite());
            client.roundTrip("tls-stats", "over " + protocol);
            final Map<String, Object> stats = ClientStats.assertStreamFields(nsqd, clientId, client.tlsSession(), deflate, snappy);
            assertEquals(List.of(version, shownSuite), List.of(stats.get("tls_version"), stats.get("tls_cipher_suite")));
        }
    }
}
