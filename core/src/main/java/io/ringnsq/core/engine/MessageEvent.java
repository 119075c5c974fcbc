package io.ringnsq.core.engine;

/** One preallocated slot of a topic or channel memory ring, or of a disk read-ahead ring. */
final class MessageEvent
{
    static final long NO_SEQUENCE = -1;

    long id;
    long timestamp;
    int attempts;
    /** DPUB deferral in ms, not started yet; 0 for ordinary messages. Only topic rings carry it. */
    long deferMs;
    /** A channel's read-ahead: the epoch-ns time the message is due, 0 when it is ready. */
    long dueEpochNs;
    /** Read-ahead rings: the message's sequence in its disk queue. */
    long sequence = NO_SEQUENCE;
    byte[] body;

    void set(final long id, final long timestamp, final int attempts, final byte[] body, final long deferMs)
    {
        this.id = id;
        this.timestamp = timestamp;
        this.attempts = attempts;
        this.body = body;
        this.deferMs = deferMs;
        this.dueEpochNs = 0;
        this.sequence = NO_SEQUENCE;
    }
}
