package io.ringnsq.core.engine;

import io.ringnsq.core.link.ClientFeatures;
import io.ringnsq.core.link.ClientIdentity;
import io.ringnsq.core.link.IoLink;
import org.agrona.collections.Object2LongHashMap;

/**
 * The engine's view of one connection: what it subscribed to, its RDY window and its counters.
 * The socket itself belongs to an I/O agent; the two share only the connection id.
 */
final class Client
{
    static final int STATE_INIT = 0;
    static final int STATE_SUBSCRIBED = 3;
    static final int STATE_CLOSING = 4;

    final long id;
    final IoLink link;
    final String remoteAddress;
    final long connectEpochNanos;

    String clientId;
    String hostname;
    String userAgent = "";
    long msgTimeoutNs;
    int sampleRate;
    ClientFeatures features = ClientFeatures.NONE;

    int state = STATE_INIT;
    Channel channel;
    long readyCount;
    int inFlightCount;
    long messageCount;
    long finishCount;
    long requeueCount;
    /** A fatal error or close was sent: nothing more is delivered to it. */
    boolean closed;
    /** Durable mode: replies waiting behind a publish that is being stored; null until the first. */
    HeldReplies held;
    /** Its held replies are ready but wait for room in its agent's ring. */
    boolean releaseQueued;
    /** Messages published per topic over TCP; a client with any is one of /stats' producers. */
    final Object2LongHashMap<String> pubCounts = new Object2LongHashMap<>(0);

    void published(final String topic, final int count)
    {
        pubCounts.put(topic, pubCounts.getValue(topic) + count);
    }

    Client(final long id, final IoLink link, final String remoteAddress, final long connectEpochNanos, final long msgTimeoutNs)
    {
        this.id = id;
        this.link = link;
        this.remoteAddress = remoteAddress;
        this.connectEpochNanos = connectEpochNanos;
        this.msgTimeoutNs = msgTimeoutNs;
        final String host = hostOf(remoteAddress);
        this.clientId = host;
        this.hostname = host;
    }

    void identify(final ClientIdentity identity)
    {
        clientId = identity.clientId;
        hostname = identity.hostname;
        userAgent = identity.userAgent;
        if (identity.msgTimeoutMs > 0)
        {
            msgTimeoutNs = identity.msgTimeoutMs * 1_000_000L;
        }
        sampleRate = identity.sampleRate;
    }

    /**
     * Sampling (spec §2.9): with a rate S in 1..99, a message taken for this client is skipped when a
     * draw in [0,100) exceeds S; it is gone for the channel, as upstream.
     */
    boolean sampledOut(final java.util.SplittableRandom random)
    {
        return sampleRate > 0 && random.nextInt(100) > sampleRate;
    }

    /** Upstream's IsReadyForMessages, plus room in the agent's ring for the frame. */
    boolean canTakeMessage()
    {
        return !closed && inFlightCount < readyCount && link.hasOutboundCapacity(1);
    }

    private static String hostOf(final String remoteAddress)
    {
        if (remoteAddress == null)
        {
            return "";
        }
        final int colon = remoteAddress.lastIndexOf(':');
        String host = colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }
}
