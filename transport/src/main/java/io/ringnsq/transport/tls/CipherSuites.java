package io.ringnsq.transport.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cipher suites nsqd offers, and how upstream's /stats names the one negotiated.
 */
final class CipherSuites
{
    /**
     * Go's server defaults in Go's preference order (crypto/tls {@code cipherSuitesPreferenceOrder} with AES
     * hardware, TLS 1.3 first; 3DES left out, the JDK disables it): the same security profile as upstream, and a
     * JDK server that honours this order picks the suite a Go server would for most clients.
     */
    private static final String[] GO_PREFERENCE = {
        "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA",
    };

    /**
     * The suites upstream's {@code prettyConnectionState.GetCipherSuite} names (nsqd/client_v2.go, unchanged
     * since 2014); it prints every other one as {@code Unknown <decimal id>}, the TLS 1.3 suites included.
     */
    private static final Set<String> NAMED_UPSTREAM = Set.of(
        "TLS_RSA_WITH_RC4_128_SHA",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
        "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    /** IANA numbers of the offered suites upstream does not name. */
    private static final Map<String, Integer> IDS = Map.of(
        "TLS_AES_128_GCM_SHA256", 0x1301,
        "TLS_AES_256_GCM_SHA384", 0x1302,
        "TLS_CHACHA20_POLY1305_SHA256", 0x1303,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xc02c,
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xc030,
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca9,
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xcca8,
        "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009c,
        "TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009d);

    private CipherSuites()
    {
    }

    /** Go's preference list, keeping only what the JDK supports here. */
    static String[] offered(final String[] supported)
    {
        final List<String> available = Arrays.asList(supported);
        final List<String> offered = new ArrayList<>();
        for (final String suite : GO_PREFERENCE)
        {
            if (available.contains(suite))
            {
                offered.add(suite);
            }
        }
        return offered.toArray(new String[0]);
    }

    /** {@code tls_cipher_suite} as upstream's /stats writes it for the JDK suite name {@code suite}. */
    static String statsName(final String suite)
    {
        if (NAMED_UPSTREAM.contains(suite))
        {
            return suite;
        }
        final Integer id = IDS.get(suite);
        return id != null ? "Unknown " + id : suite;
    }
}
