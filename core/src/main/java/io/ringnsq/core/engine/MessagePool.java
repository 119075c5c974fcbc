package io.ringnsq.core.engine;

import java.util.ArrayDeque;

/** Reuses {@link TrackedMessage}s so delivering, finishing and requeueing allocate nothing. */
final class MessagePool
{
    private final ArrayDeque<TrackedMessage> free = new ArrayDeque<>();
    private final int maxPooled;

    MessagePool(final int maxPooled)
    {
        this.maxPooled = maxPooled;
    }

    TrackedMessage acquire()
    {
        final TrackedMessage m = free.pollFirst();
        return m != null ? m : new TrackedMessage();
    }

    void release(final TrackedMessage m)
    {
        m.reset();
        if (free.size() < maxPooled)
        {
            free.addFirst(m);
        }
    }
}
