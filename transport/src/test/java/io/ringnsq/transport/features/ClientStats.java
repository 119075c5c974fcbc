package io.ringnsq.transport.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSession;

/** Checks of one client's object in nsqd's {@code /stats} JSON (spec §3.3). */
final class ClientStats
{
    /** The 13 suites upstream's {@code prettyConnectionState.GetCipherSuite} names (nsqd/stats.go). */
    private static final Set<String> NAMED_BY_UPSTREAM = Set.of(
        "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    /** IANA numbers of suites upstream does not name: it prints them as {@code Unknown <number>}, TLS 1.3's included. */
    private static final Map<String, Integer> UNNAMED = Map.of(
        "TLS_AES_128_GCM_SHA256", 0x1301,
        "TLS_AES_256_GCM_SHA384", 0x1302,
        "TLS_CHACHA20_POLY1305_SHA256", 0x1303,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xc02c,
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xc030,
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca8,
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca9);

    private ClientStats()
    {
    }

    /** {@code tls_cipher_suite} as upstream writes it for the suite the client's session negotiated. */
    static String upstreamCipherSuiteName(final String standardName)
    {
        if (NAMED_BY_UPSTREAM.contains(standardName))
        {
            return standardName;
        }
        final Integer number = UNNAMED.get(standardName);
        if (number == null)
        {
            throw new IllegalArgumentException("add the IANA number of " + standardName + " to ClientStats.UNNAMED");
        }
        return "Unknown " + number;
    }

    /**
     * The client's TLS and compression fields: {@code tls}, {@code tls_version} ({@code TLS1.2}, {@code TLS1.3}),
     * {@code tls_cipher_suite}, {@code tls_negotiated_protocol} (no ALPN: ""),
     * {@code tls_negotiated_protocol_is_mutual} (Go has reported true for every TLS connection since NPN went away;
     * a plain client's zero value is false), {@code deflate}, {@code snappy}.
     */
    static Map<String, Object> assertStreamFields(
        final FeatureNsqd nsqd, final String clientId, final SSLSession session, final boolean deflate, final boolean snappy)
    {
        final Map<String, Object> stats = nsqd.statsClient(clientId)
            .orElseThrow(() -> new AssertionError("client " + clientId + " not in /stats: " + nsqd.statsClients()));
        final boolean tls = session != null;
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("tls", tls);
        expected.put("deflate", deflate);
        expected.put("snappy", snappy);
        expected.put("tls_version", tls ? session.getProtocol().replace("TLSv", "TLS") : "");
        expected.put("tls_cipher_suite", tls ? upstreamCipherSuiteName(session.getCipherSuite()) : "");
        expected.put("tls_negotiated_protocol", "");
        expected.put("tls_negotiated_protocol_is_mutual", tls);
        final Map<String, Object> actual = new LinkedHashMap<>();
        expected.keySet().forEach(key -> actual.put(key, stats.get(key)));
        assertEquals(expected, actual, () -> "/stats client fields of " + clientId + ": " + stats);
        return stats;
    }
}
