package io.ringnsq.core.store;

/** One entry of a {@link MessageStore}, read into or handed around in a reused holder. */
public final class StoredMessage
{
    public long sequence;
    public long id;
    /** When it was published, epoch ns. */
    public long timestamp;
    public int attempts;
    /**
     * A topic entry: the DPUB delay in ms, not started yet (a channel starts it when the message reaches it).
     * A channel entry: the epoch-ns time it is due, or 0 when it is ready now.
     */
    public long deferral;
    public byte[] body;

    public void set(final long id, final long timestamp, final int attempts, final long deferral, final byte[] body)
    {
        this.id = id;
        this.timestamp = timestamp;
        this.attempts = attempts;
        this.deferral = deferral;
        this.body = body;
    }
}
