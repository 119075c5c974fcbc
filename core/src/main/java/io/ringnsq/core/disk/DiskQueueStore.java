package io.ringnsq.core.disk;

import io.ringnsq.core.store.MessageStore;
import io.ringnsq.core.store.StoreException;
import io.ringnsq.core.store.StoredMessage;

/** A {@link DiskQueue} as the disk agent uses it: the same operations, with the store's exception. */
final class DiskQueueStore implements MessageStore
{
    private final DiskQueue queue;

    DiskQueueStore(final DiskQueue queue)
    {
        this.queue = queue;
    }

    @Override
    public long append(final long id, final long timestamp, final int attempts, final long deferral, final byte[] body)
        throws StoreException
    {
        try
        {
            return queue.append(id, timestamp, attempts, deferral, body);
        }
        catch (final DiskQueueException ex)
        {
            throw failure(ex);
        }
    }

    @Override
    public boolean read(final StoredMessage into) throws StoreException
    {
        try
        {
            return queue.read(into);
        }
        catch (final DiskQueueException ex)
        {
            throw failure(ex);
        }
    }

    @Override
    public void consumed(final long sequence)
    {
        queue.consumed(sequence);
    }

    @Override
    public void consumedThrough(final long sequence)
    {
        queue.consumedThrough(sequence);
    }

    @Override
    public long unconsumed()
    {
        return queue.unconsumed();
    }

    @Override
    public boolean isDirty()
    {
        return queue.isDirty();
    }

    @Override
    public void sync() throws StoreException
    {
        try
        {
            queue.sync();
        }
        catch (final DiskQueueException ex)
        {
            throw failure(ex);
        }
    }

    @Override
    public void empty() throws StoreException
    {
        try
        {
            queue.empty();
        }
        catch (final DiskQueueException ex)
        {
            throw failure(ex);
        }
    }

    @Override
    public void delete()
    {
        queue.delete();
    }

    @Override
    public void close()
    {
        queue.close();
    }

    static StoreException failure(final DiskQueueException ex)
    {
        return new StoreException(ex.getMessage(), ex instanceof DiskFullException, ex);
    }
}
