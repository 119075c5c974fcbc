package io.ringnsq.core.link;

/**
 * What a V2 connection negotiated or proved after IDENTIFY, reported to the engine for /stats: TLS
 * (version and cipher as upstream names them), compression, and the identity AUTH established.
 */
public record ClientFeatures(
    boolean tls,
    String tlsVersion,
    String tlsCipherSuite,
    String tlsNegotiatedProtocol,
    boolean tlsNegotiatedProtocolIsMutual,
    boolean deflate,
    boolean snappy,
    boolean authed,
    String authIdentity,
    String authIdentityUrl)
{
    public static final ClientFeatures NONE = new ClientFeatures(false, "", "", "", false, false, false, false, "", "");
}
