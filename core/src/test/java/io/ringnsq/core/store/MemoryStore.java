package io.ringnsq.core.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A {@link MessageStore} in memory that knows what a sync made durable: {@link #afterCrash()} is what
 * a restart would find after {@code kill -9}, {@link #afterCleanStop()} after a clean stop. For engine
 * tests that need a disk but not Chronicle.
 */
public final class MemoryStore implements MessageStore
{
    private final MemoryStoreOpener opener;
    private final List<StoredMessage> entries = new ArrayList<>();
    /** Sequence of entries.get(0). */
    private long base;
    private int readIndex;
    /** Consumed entries, relative to base. */
    private final BitSet consumed = new BitSet();
    /** Entries before this index are consumed (contiguously). */
    private int watermark;
    private int durableEnd;
    private int durableWatermark;
    private boolean dirty;
    private boolean closed;

    MemoryStore(final MemoryStoreOpener opener)
    {
        this.opener = opener;
    }

    @Override
    public long append(final long id, final long timestamp, final int attempts, final long deferral, final byte[] body)
        throws StoreException
    {
        if (opener.failWrites)
        {
            throw new StoreException("write test: no space left on device", true, null);
        }
        final StoredMessage m = new StoredMessage();
        m.set(id, timestamp, attempts, deferral, body);
        m.sequence = base + entries.size();
        entries.add(m);
        dirty = true;
        return m.sequence;
    }

    @Override
    public boolean read(final StoredMessage into)
    {
        if (readIndex >= entries.size())
        {
            return false;
        }
        final StoredMessage m = entries.get(readIndex++);
        into.sequence = m.sequence;
        into.set(m.id, m.timestamp, m.attempts, m.deferral, m.body);
        return true;
    }

    @Override
    public void consumed(final long sequence)
    {
        final int index = (int)(sequence - base);
        if (index >= watermark && index < entries.size())
        {
            consumed.set(index);
            while (consumed.get(watermark))
            {
                watermark++;
            }
            dirty = true;
        }
    }

    @Override
    public void consumedThrough(final long sequence)
    {
        final int index = (int)(sequence - base);
        if (index >= watermark)
        {
            consumed.set(watermark, Math.min(index + 1, entries.size()));
            while (consumed.get(watermark))
            {
                watermark++;
            }
            dirty = true;
        }
    }

    @Override
    public long unconsumed()
    {
        return entries.size() - consumed.cardinality();
    }

    @Override
    public boolean isDirty()
    {
        return dirty;
    }

    @Override
    public void sync()
    {
        opener.syncs++;
        durableEnd = entries.size();
        durableWatermark = watermark;
        dirty = false;
    }

    @Override
    public void empty()
    {
        base += entries.size();
        entries.clear();
        consumed.clear();
        readIndex = 0;
        watermark = 0;
        durableEnd = 0;
        durableWatermark = 0;
        dirty = true;
    }

    @Override
    public void delete()
    {
        closed = true;
        opener.deleted(this);
    }

    @Override
    public void close()
    {
        sync();
        closed = true;
    }

    boolean isClosed()
    {
        return closed;
    }

    /** What a restart finds after a crash: the synced entries, from the synced watermark. */
    MemoryStore afterCrash()
    {
        return reopened(durableEnd, durableWatermark);
    }

    /** What a restart finds after close(): everything, from the watermark. */
    MemoryStore afterCleanStop()
    {
        return reopened(entries.size(), watermark);
    }

    private MemoryStore reopened(final int end, final int start)
    {
        final MemoryStore copy = new MemoryStore(opener);
        copy.base = base + start;
        for (int i = start; i < end; i++)
        {
            copy.entries.add(entries.get(i));
        }
        return copy;
    }

    /** Every entry not consumed, in order: what a consumer would get. */
    public List<StoredMessage> remaining()
    {
        final List<StoredMessage> left = new ArrayList<>();
        for (int i = watermark; i < entries.size(); i++)
        {
            if (!consumed.get(i))
            {
                left.add(entries.get(i));
            }
        }
        return left;
    }
}
