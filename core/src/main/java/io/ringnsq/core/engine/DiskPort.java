package io.ringnsq.core.engine;

import java.util.ArrayDeque;

import io.ringnsq.core.meta.NsqdMetadata;
import io.ringnsq.core.store.DiskLink;
import io.ringnsq.core.store.QueueHandle;
import io.ringnsq.core.store.StoreCommand;

/**
 * The engine's end of the ring to the disk agent. Appends and reads are sent only when there is room
 * ({@link #canAppend}, {@link #canRead}); the bookkeeping commands (consumed, empty, delete, metadata)
 * must never be lost, so when the ring is full they wait here, in order, and appends wait behind them.
 * After a failed write, appends stop for {@link #RETRY_NS} and then probe again; the disk agent says
 * when writes work again.
 */
final class DiskPort
{
    /** How long publishing to disk stays refused after a failed write before it is tried again. */
    static final long RETRY_NS = 1_000_000_000L;
    /** Room kept free for bookkeeping commands, so that appends cannot starve them. */
    private static final int RESERVED = 64;
    /**
     * Bytes of message bodies that may wait for the disk agent. Upstream answers a publish that goes to disk once it is
     * written; ringnsq answers once the disk agent has it, and this bounds how far publishers get ahead of the disk:
     * the heap those bodies hold (a ring slot holds a whole MPUB, up to --max-body-size) and what a kill -9 can lose of
     * what was answered. Past it the engine stops taking commands from the sockets and fan-out stops spilling until
     * the agent catches up. About 60 ms of appends at the rates this machine writes.
     */
    static final long APPEND_BYTES_QUEUED = 8L << 20;

    private final DiskLink link;
    private final ArrayDeque<StoreCommandCopy> waiting = new ArrayDeque<>();
    private boolean writable = true;
    private long retryAt;
    private String lastError = "disk queue unavailable";

    /** @param link null when nsqd runs without a disk (tests of the memory pipeline). */
    DiskPort(final DiskLink link)
    {
        this.link = link;
    }

    boolean enabled()
    {
        return link != null;
    }

    boolean isWritable()
    {
        return writable;
    }

    /** Whether {@code commands} appends may be sent now. */
    boolean canAppend(final int commands, final long now)
    {
        return link != null
            && (writable || now - retryAt >= 0)
            && waiting.isEmpty()
            && link.hasCommandCapacity(commands + RESERVED)
            && !appendsBacklogged();
    }

    /** Whether the appends waiting for the disk agent have reached {@link #APPEND_BYTES_QUEUED}. */
    boolean appendsBacklogged()
    {
        return link != null && !link.appendBytesQueuedBelow(APPEND_BYTES_QUEUED);
    }

    boolean canRead()
    {
        return link != null && waiting.isEmpty() && link.hasCommandCapacity(1 + RESERVED);
    }

    /**
     * Whether the ring has room for a whole batch of commands from the I/O agents, and the appends already handed over
     * leave room for theirs.
     */
    boolean hasRoomFor(final int commands)
    {
        return link == null || (waiting.isEmpty() && link.hasCommandCapacity(commands + RESERVED) && !appendsBacklogged());
    }

    /** The last write error, for the clients whose publishes it refuses. */
    String lastError()
    {
        return lastError;
    }

    void writeFailed(final String error, final long now)
    {
        lastError = error;
        writable = false;
        retryAt = now + RETRY_NS;
    }

    void writable()
    {
        writable = true;
    }

    void append(
        final QueueHandle queue, final long id, final long timestamp, final int attempts, final long deferral, final byte[] body,
        final Object token)
    {
        final long sequence = link.claimCommand();
        final StoreCommand c = link.command(sequence);
        c.type = StoreCommand.APPEND;
        c.queue = queue;
        c.id = id;
        c.timestamp = timestamp;
        c.attempts = attempts;
        c.deferral = deferral;
        c.body = body;
        c.bodies = null;
        c.ids = null;
        c.token = token;
        c.appendBytes = body.length;
        link.publishCommand(sequence);
    }

    void appendBatch(
        final QueueHandle queue, final long[] ids, final long timestamp, final byte[][] bodies, final int count, final Object token)
    {
        final long sequence = link.claimCommand();
        final StoreCommand c = link.command(sequence);
        c.type = StoreCommand.APPEND;
        c.queue = queue;
        c.ids = ids;
        c.timestamp = timestamp;
        c.attempts = 0;
        c.deferral = 0;
        c.bodies = bodies;
        c.count = count;
        c.body = null;
        c.token = token;
        c.appendBytes = bytes(bodies, count);
        link.publishCommand(sequence);
    }

    private static long bytes(final byte[][] bodies, final int count)
    {
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            bytes += bodies[i].length;
        }
        return bytes;
    }

    void read(final QueueHandle queue, final int generation, final int count)
    {
        final long sequence = link.claimCommand();
        final StoreCommand c = link.command(sequence);
        c.type = StoreCommand.READ;
        c.queue = queue;
        c.generation = generation;
        c.count = count;
        link.publishCommand(sequence);
    }

    void consumed(final QueueHandle queue, final long entry)
    {
        send(StoreCommand.CONSUMED, queue, entry, null, null);
    }

    void consumedThrough(final QueueHandle queue, final long entry)
    {
        send(StoreCommand.CONSUMED_THROUGH, queue, entry, null, null);
    }

    void empty(final QueueHandle queue)
    {
        send(StoreCommand.EMPTY, queue, 0, null, null);
    }

    void delete(final QueueHandle queue)
    {
        send(StoreCommand.DELETE, queue, 0, null, null);
    }

    /** Saves nsqd.dat; with a token, the disk agent answers when it is saved (or failed). */
    void saveMetadata(final NsqdMetadata snapshot, final Object token)
    {
        send(StoreCommand.SAVE_METADATA, null, 0, snapshot, token);
    }

    /** Sends the bookkeeping commands that waited for room; returns how many went. */
    int sendWaiting()
    {
        int sent = 0;
        while (!waiting.isEmpty() && link.hasCommandCapacity(1))
        {
            final StoreCommandCopy w = waiting.pollFirst();
            publish(w.type, w.queue, w.entry, w.payload, w.token);
            sent++;
        }
        return sent;
    }

    private void send(final int type, final QueueHandle queue, final long entry, final Object payload, final Object token)
    {
        if (link == null)
        {
            return;
        }
        if (waiting.isEmpty() && link.hasCommandCapacity(1))
        {
            publish(type, queue, entry, payload, token);
        }
        else
        {
            waiting.addLast(new StoreCommandCopy(type, queue, entry, payload, token));
        }
    }

    private void publish(final int type, final QueueHandle queue, final long entry, final Object payload, final Object token)
    {
        final long sequence = link.claimCommand();
        final StoreCommand c = link.command(sequence);
        c.type = type;
        c.queue = queue;
        c.sequence = entry;
        c.payload = payload;
        c.token = token;
        link.publishCommand(sequence);
    }

    /** A bookkeeping command that found the ring full. */
    private record StoreCommandCopy(int type, QueueHandle queue, long entry, Object payload, Object token)
    {
    }
}
