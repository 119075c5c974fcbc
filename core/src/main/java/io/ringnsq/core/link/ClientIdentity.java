package io.ringnsq.core.link;

/**
 * What a client said about itself in IDENTIFY, after the decoder checked it, and the bytes to send
 * back (OK or the negotiation JSON), so the reply leaves in command order.
 */
public final class ClientIdentity
{
    public final String clientId;
    public final String hostname;
    public final String userAgent;
    /** 0 = the broker's default. */
    public final long msgTimeoutMs;
    public final int sampleRate;
    public final byte[] response;

    public ClientIdentity(
        final String clientId,
        final String hostname,
        final String userAgent,
        final long msgTimeoutMs,
        final int sampleRate,
        final byte[] response)
    {
        this.clientId = clientId;
        this.hostname = hostname;
        this.userAgent = userAgent;
        this.msgTimeoutMs = msgTimeoutMs;
        this.sampleRate = sampleRate;
        this.response = response;
    }
}
