package io.ringnsq.core.engine;

import java.util.ArrayDeque;

import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreResult;

/**
 * The engine's side of one topic's or channel's disk queue: how many of its messages are on disk,
 * and a small read-ahead ring the disk agent fills on request, so the pipeline takes disk messages
 * as it takes memory ones. Messages whose write failed wait in {@link #unwritten} to be written again.
 *
 * <p>When the engine is done with an entry depends on the mode: normally once it is taken from the
 * read-ahead (it then lives in memory, as upstream's messages do after a disk read); in durable mode
 * only when a channel's message is finished, or a topic's has been written to every channel.
 */
final class Backlog
{
    /**
     * Messages read ahead per queue that reads from disk. Each refill is a round trip to the disk agent's thread (a park
     * on each side when idle), so the batch is large: with 128 and 32, draining ran at about 0.6 of what 2,048 and 256
     * gave in one comparison.
     */
    static final int READ_AHEAD = 1024;
    /** Reads are asked for in batches of at least this many. */
    static final int READ_BATCH = 256;

    final QueueHandle handle;
    /** Made at the first read: thousands of idle queues cost no read-ahead. */
    private MessageRing readAhead;
    /** Messages written (or on their way) and not taken from the read-ahead yet. */
    long onDisk;
    /** Messages asked of the disk agent and not arrived yet. */
    int requested;
    /** Bumped by empty: results of reads asked for before are dropped. */
    int generation;
    private long takenThrough = MessageEvent.NO_SEQUENCE;
    private boolean takenUnreported;
    private ArrayDeque<Unwritten> unwritten;

    Backlog(final QueueHandle handle, final Object owner)
    {
        this.handle = handle;
        handle.attachment = owner;
    }

    /** Messages waiting on disk or for a write: the queue's {@code backend_depth}. */
    long depth()
    {
        return onDisk + (unwritten == null ? 0 : unwritten.size());
    }

    boolean hasReadAhead()
    {
        return readAhead != null && !readAhead.isEmpty();
    }

    /** Hands read-ahead messages to the consumer until it says stop. */
    void pollReadAhead(final MessageRing.Consumer consumer)
    {
        readAhead.poll(consumer);
    }

    /** Asks the disk agent for more when the read-ahead runs low and more is on disk. */
    void requestReads(final DiskPort disk)
    {
        final int inMemory = readAhead == null ? 0 : readAhead.size();
        final int room = READ_AHEAD - inMemory - requested;
        final long unread = onDisk - inMemory - requested;
        if (room >= READ_BATCH && unread > 0 && disk.canRead())
        {
            final int count = (int)Math.min(room, unread);
            disk.read(handle, generation, count);
            requested += count;
        }
    }

    /** A message the disk agent read; false when it belongs to a read from before an empty. */
    boolean onRead(final StoreResult r)
    {
        if (r.generation != generation)
        {
            return false;
        }
        requested--;
        if (readAhead == null)
        {
            readAhead = new MessageRing(READ_AHEAD);
        }
        final boolean topic = handle.kind() == QueueHandle.Kind.TOPIC;
        readAhead.addFromDisk(r.sequence, r.id, r.timestamp, r.attempts, r.body, topic ? r.deferral : 0, topic ? 0 : r.deferral);
        return true;
    }

    /** The end of a read: entries asked for that were not there (skipped as damaged) are no longer counted. */
    void onReadDone(final StoreResult r)
    {
        if (r.generation == generation && r.count > 0)
        {
            requested -= r.count;
            onDisk = Math.max(0, onDisk - r.count);
        }
    }

    /** A message left the read-ahead and lives in memory now: done with on disk (normal mode). */
    void taken(final long sequence)
    {
        onDisk--;
        takenThrough = sequence;
        takenUnreported = true;
    }

    /** A message left the read-ahead, and its entry stays until it is finished (durable mode). */
    void takenDurably()
    {
        onDisk--;
    }

    /** Tells the disk agent, once per duty cycle, how far the read-ahead was taken (normal mode). */
    void reportTaken(final DiskPort disk)
    {
        if (takenUnreported)
        {
            takenUnreported = false;
            disk.consumedThrough(handle, takenThrough);
        }
    }

    void appended(final int count)
    {
        onDisk += count;
    }

    /** A write failed: the message waits here, with the token its append carried, until writes work again. */
    void unwritten(final long id, final long timestamp, final int attempts, final long deferral, final byte[] body, final Object token)
    {
        if (unwritten == null)
        {
            unwritten = new ArrayDeque<>();
        }
        unwritten.addLast(new Unwritten(id, timestamp, attempts, deferral, body, token));
    }

    /** Writes again what failed before, as far as the ring has room; returns how many went. */
    int retryUnwritten(final DiskPort disk, final long now)
    {
        int sent = 0;
        while (unwritten != null && !unwritten.isEmpty() && disk.canAppend(1, now))
        {
            final Unwritten m = unwritten.pollFirst();
            disk.append(handle, m.id, m.timestamp, m.attempts, m.deferral, m.body, m.token);
            onDisk++;
            sent++;
        }
        return sent;
    }

    /** Clean shutdown: what still waits for a write is written directly. */
    void persistUnwritten(final ShutdownWriter out)
    {
        while (unwritten != null && !unwritten.isEmpty())
        {
            final Unwritten m = unwritten.pollFirst();
            out.write(handle, m.id, m.timestamp, m.attempts, m.deferral, m.body);
        }
    }

    boolean hasUnwritten()
    {
        return unwritten != null && !unwritten.isEmpty();
    }

    /** Drops everything: on disk, read ahead, and waiting for a write. */
    void empty(final DiskPort disk)
    {
        forget();
        disk.empty(handle);
    }

    /** Drops everything and removes the queue's files. */
    void delete(final DiskPort disk)
    {
        forget();
        disk.delete(handle);
    }

    private void forget()
    {
        generation++;
        readAhead = null;
        requested = 0;
        onDisk = 0;
        unwritten = null;
        takenUnreported = false;
    }

    /** A message whose write failed. */
    private record Unwritten(long id, long timestamp, int attempts, long deferral, byte[] body, Object token)
    {
    }
}
