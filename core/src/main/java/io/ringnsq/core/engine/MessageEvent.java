package io.ringnsq.core.engine;

/** One preallocated slot of a topic or channel memory ring. */
final class MessageEvent
{
    long id;
    long timestamp;
    int attempts;
    /** DPUB deferral in ms; 0 for ordinary messages. Only topic rings carry it. */
    long deferMs;
    byte[] body;

    void set(final long id, final long timestamp, final int attempts, final byte[] body, final long deferMs)
    {
        this.id = id;
        this.timestamp = timestamp;
        this.attempts = attempts;
        this.body = body;
        this.deferMs = deferMs;
    }
}
