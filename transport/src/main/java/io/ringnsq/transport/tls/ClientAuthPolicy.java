package io.ringnsq.transport.tls;

/** nsqd's {@code --tls-client-auth-policy}: whether a client must present a certificate, and whether it is checked. */
public enum ClientAuthPolicy
{
    /** No certificate is asked for (upstream's {@code tls.NoClientCert}). */
    NONE,
    /** {@code require}: a certificate is required, and taken as it is (upstream's {@code tls.RequireAnyClientCert}). */
    REQUIRE,
    /**
     * {@code require-verify}: a certificate is required and must chain to {@code --tls-root-ca-file}, or to the
     * JDK's default trust store without one (upstream's {@code tls.RequireAndVerifyClientCert}).
     */
    REQUIRE_VERIFY;

    /**
     * The policy a flag value names, as upstream reads it: exactly {@code require} or {@code require-verify},
     * anything else means no client certificate. (Upstream also forces {@code --tls-required} for any
     * non-empty value, unknown ones included; that is the daemon's rule, not this one's.)
     */
    public static ClientAuthPolicy fromFlag(final String flagValue)
    {
        if ("require".equals(flagValue))
        {
            return REQUIRE;
        }
        if ("require-verify".equals(flagValue))
        {
            return REQUIRE_VERIFY;
        }
        return NONE;
    }
}
