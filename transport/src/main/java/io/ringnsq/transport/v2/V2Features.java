package io.ringnsq.transport.v2;

import java.util.concurrent.Executor;

import io.ringnsq.transport.auth.AuthCallback;
import io.ringnsq.transport.tls.TlsSettings;

/**
 * What this nsqd offers a V2 client beyond the plain protocol, from its flags: TLS (and whether it is
 * required before any command but IDENTIFY), deflate up to a level, snappy, and AUTH through an auth
 * server.
 */
public final class V2Features
{
    /** Asks the auth servers about a secret; the answer comes back through {@code sink}, once. */
    @FunctionalInterface
    public interface AuthQuery
    {
        void query(byte[] secret, String remoteIp, boolean tls, String commonName, Executor sink, AuthCallback callback);
    }

    public static final V2Features NONE = new V2Features(null, false, false, V2Limits.DEFAULT_DEFLATE_LEVEL, false, null);

    final TlsSettings tls;
    final boolean tlsRequired;
    final boolean deflate;
    final int maxDeflateLevel;
    final boolean snappy;
    final AuthQuery auth;

    /**
     * @param tls         null when no cert and key are configured
     * @param tlsRequired TCP clients must upgrade before anything but IDENTIFY
     * @param auth        null when no auth server is configured
     */
    public V2Features(
        final TlsSettings tls,
        final boolean tlsRequired,
        final boolean deflate,
        final int maxDeflateLevel,
        final boolean snappy,
        final AuthQuery auth)
    {
        this.tls = tls;
        this.tlsRequired = tlsRequired;
        this.deflate = deflate;
        this.maxDeflateLevel = maxDeflateLevel;
        this.snappy = snappy;
        this.auth = auth;
    }
}
