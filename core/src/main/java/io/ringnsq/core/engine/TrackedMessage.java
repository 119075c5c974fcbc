package io.ringnsq.core.engine;

/**
 * A channel's message while it is in flight, deferred, or waiting to be requeued: the only
 * per-message object the engine keeps, pooled by {@link MessagePool}.
 */
final class TrackedMessage
{
    /** {@link #timerSlot} of a message with no timer armed. */
    static final int NO_TIMER = -1;

    long id;
    long timestamp;
    int attempts;
    byte[] body;

    Channel channel;
    boolean inFlight;
    Client client;
    long deliveredAt;
    /** Where {@link MessageTimers} keeps it: a wheel slot, its overflow list, or {@link #NO_TIMER}. */
    int timerSlot = NO_TIMER;
    long timerDeadline;
    TrackedMessage timerPrev;
    TrackedMessage timerNext;

    /** Durable mode: the disk queue whose entry this message is, consumed when it is finished; null otherwise. */
    Backlog backlog;
    long sequence;
    int generation;

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
        timerSlot = NO_TIMER;
        timerPrev = null;
        timerNext = null;
        backlog = null;
    }

    /** Durable mode: the message's entry is done with (finished, or dropped by sampling). */
    void consume(final DiskPort disk)
    {
        if (backlog != null && backlog.generation == generation)
        {
            disk.consumed(backlog.handle, sequence);
        }
        backlog = null;
    }
}
