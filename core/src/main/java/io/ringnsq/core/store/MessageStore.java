package io.ringnsq.core.store;

/**
 * One topic's or channel's queue on disk, as the {@link DiskAgent} uses it: entries appended at the
 * end, read once each in order, and consumed in any order; what is consumed is forgotten once it is
 * synced. Used by one thread only. {@code io.ringnsq.core.disk.DiskQueue} (Chronicle Queue) is the
 * real one.
 */
public interface MessageStore extends AutoCloseable
{
    /** Appends one message and returns its sequence number; nothing is written when it throws. */
    long append(long id, long timestamp, int attempts, long deferral, byte[] body) throws StoreException;

    /** Reads the next entry not read yet in this session into {@code into}; false when there is none. */
    boolean read(StoredMessage into) throws StoreException;

    /** The entry {@code sequence} is done with (any order). */
    void consumed(long sequence);

    /** Every entry up to and including {@code sequence} is done with. */
    void consumedThrough(long sequence);

    /** Entries appended and not consumed: the depth a restart finds. */
    long unconsumed();

    /** Whether anything was appended or consumed since the last {@link #sync()}. */
    boolean isDirty();

    /** Makes every appended entry and the consumed position durable. */
    void sync() throws StoreException;

    /** Drops every entry. */
    void empty() throws StoreException;

    /** Closes the store and removes its files. */
    void delete();

    /** Syncs and closes. */
    @Override
    void close();
}
