package io.ringnsq.lookup;

/**
 * One nsqd under one registration (upstream's {@code Producer}): the peer, shared across its registrations,
 * and the tombstone, which belongs to this registration only.
 */
public final class Producer
{
    /** Go's zero {@code time.Time} as {@code UnixNano()}, which /debug shows for a producer never tombstoned. */
    public static final long GO_ZERO_TIME_NANOS = -6795364578871345152L;

    private final PeerInfo peer;
    private boolean tombstoned;
    private long tombstonedAt = GO_ZERO_TIME_NANOS;

    Producer(final PeerInfo peer)
    {
        this.peer = peer;
    }

    public PeerInfo peer()
    {
        return peer;
    }

    public boolean tombstoned()
    {
        return tombstoned;
    }

    /** Epoch nanoseconds of the tombstone, or {@link #GO_ZERO_TIME_NANOS}. */
    public long tombstonedAt()
    {
        return tombstonedAt;
    }

    /** Never cleared, as upstream: it stops mattering once the tombstone lifetime has passed. */
    void tombstone(final long epochNanos)
    {
        tombstoned = true;
        tombstonedAt = epochNanos;
    }

    boolean isTombstoned(final long now, final long lifetimeNanos)
    {
        return tombstoned && now - tombstonedAt < lifetimeNanos;
    }
}
