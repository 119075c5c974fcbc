package io.ringnsq.core.engine;

/**
 * A channel's message while it is in flight, deferred, or waiting to be requeued: the only
 * per-message object the engine keeps, pooled by {@link MessagePool}.
 */
final class TrackedMessage
{
    static final long NO_TIMER = -1;

    long id;
    long timestamp;
    int attempts;
    byte[] body;

    Channel channel;
    boolean inFlight;
    Client client;
    long deliveredAt;
    long timerId = NO_TIMER;

    void set(final Channel channel, final long id, final long timestamp, final int attempts, final byte[] body)
    {
        this.channel = channel;
        this.id = id;
        this.timestamp = timestamp;
        this.attempts = attempts;
        this.body = body;
    }

    void reset()
    {
        body = null;
        channel = null;
        client = null;
        inFlight = false;
        timerId = NO_TIMER;
    }
}
