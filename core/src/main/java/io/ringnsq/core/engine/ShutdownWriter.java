package io.ringnsq.core.engine;

import io.ringnsq.core.store.DiskAgent;
import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoredMessage;

/**
 * Clean shutdown: writes the messages the engine holds in memory to their queues, directly through
 * the stopped disk agent. A write that fails is remembered and the rest go on, so one bad queue does
 * not cost the others their messages.
 */
final class ShutdownWriter
{
    private final DiskAgent disk;
    private final StoredMessage copy = new StoredMessage();
    private StoreException failure;

    ShutdownWriter(final DiskAgent disk)
    {
        this.disk = disk;
    }

    /** Returns whether the copy is on disk. */
    boolean write(
        final QueueHandle queue, final long id, final long timestamp, final int attempts, final long deferral, final byte[] body)
    {
        copy.set(id, timestamp, attempts, deferral, body);
        try
        {
            disk.appendNow(queue, copy);
            return true;
        }
        catch (final StoreException ex)
        {
            failure = failure == null ? ex : failure;
            return false;
        }
        finally
        {
            copy.body = null;
        }
    }

    /** A tracked message; in durable mode the entry it came from is consumed once its copy is written. */
    void write(final QueueHandle queue, final TrackedMessage m, final long deferral)
    {
        if (write(queue, m.id, m.timestamp, m.attempts, deferral, m.body) && m.backlog != null && m.backlog.generation == m.generation)
        {
            disk.consumedNow(m.backlog.handle, m.sequence);
        }
    }

    /** The first write that failed, if any. */
    void throwFailure() throws StoreException
    {
        if (failure != null)
        {
            throw failure;
        }
    }
}
