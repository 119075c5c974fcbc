package io.ringnsq.core.stats;

import java.util.List;

/**
 * One TCP client in /stats, in upstream's field order. {@code pubCounts} is empty for a client that
 * has not published; the auth and TLS fields are filled by the issues that bring those features.
 */
public record ClientStats(
    String clientId,
    String hostname,
    String version,
    String remoteAddress,
    int state,
    long readyCount,
    long inFlightCount,
    long messageCount,
    long finishCount,
    long requeueCount,
    long connectTime,
    int sampleRate,
    boolean deflate,
    boolean snappy,
    String userAgent,
    boolean authed,
    String authIdentity,
    String authIdentityUrl,
    List<PubCount> pubCounts,
    boolean tls,
    String tlsCipherSuite,
    String tlsVersion,
    String tlsNegotiatedProtocol,
    boolean tlsNegotiatedProtocolIsMutual)
{
    /** Messages a producer published to one topic. */
    public record PubCount(String topic, long count)
    {
    }
}
