package io.ringnsq.core.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.ringnsq.core.meta.NsqdMetadata;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that touches queue files and nsqd.dat. It takes the engine's commands in order
 * (append, read, consume, empty, delete, save metadata), opens each queue's store when a command
 * first needs it, and syncs as upstream's {@code --sync-every} and {@code --sync-timeout} say: a
 * queue is synced once it has taken that many appends and consumptions, and every dirty queue
 * when the timeout passes. With {@code --sync-every=1} every dirty queue is synced at the end of
 * each batch of commands, and only then are appends with a token acknowledged (group commit).
 *
 * <p>Before the engine's threads start and after they stop, the {@code ...Now} methods do the same
 * work synchronously for restoring and persisting state.
 */
public final class DiskAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(DiskAgent.class);
    private static final int COMMAND_BATCH = 4096;
    /** The longest an idle agent parks: the engine rings for commands; this bounds the wait for anything else. */
    static final long MAX_PARK_NANOS = 200_000_000L;

    private final DiskLink link;
    private final StoreOpener opener;
    private final MetadataSaver metadata;
    private final long syncEvery;
    private final long syncTimeoutNs;
    private final NanoClock clock;
    private final DiskHealth health;

    /** Queues appended to or consumed from since their last sync. */
    private final List<QueueHandle> dirty = new ArrayList<>();
    private final List<QueueHandle> open = new ArrayList<>();
    /** Appends with a token waiting for the end-of-batch sync (--sync-every=1). */
    private final List<QueueHandle> ackQueues = new ArrayList<>();
    private final List<Object> ackTokens = new ArrayList<>();
    /** Queues whose sync failed in this duty cycle: their acknowledgements become failures. */
    private final List<QueueHandle> failedSyncs = new ArrayList<>();
    private final StoredMessage record = new StoredMessage();
    private long lastTimedSync;
    private boolean failing;
    /** Metadata whose save failed, to try again at the next timed sync. */
    private NsqdMetadata unsavedMetadata;

    public DiskAgent(
        final DiskLink link,
        final StoreOpener opener,
        final MetadataSaver metadata,
        final long syncEvery,
        final long syncTimeoutNs,
        final NanoClock clock,
        final DiskHealth health)
    {
        if (syncEvery < 1)
        {
            throw new IllegalArgumentException("sync-every must be at least 1");
        }
        this.link = link;
        this.opener = opener;
        this.metadata = metadata;
        this.syncEvery = syncEvery;
        this.syncTimeoutNs = syncTimeoutNs;
        this.clock = clock;
        this.health = health;
        this.lastTimedSync = clock.nanoTime();
    }

    @Override
    public String roleName()
    {
        return "nsqd-disk";
    }

    @Override
    public int doWork()
    {
        int work = 0;
        int reserved = 0;
        for (int i = 0; i < COMMAND_BATCH; i++)
        {
            final StoreCommand command = link.peekCommand();
            if (command == null)
            {
                break;
            }
            final int needed = resultsNeeded(command);
            if (!link.hasResultCapacity(reserved + needed))
            {
                break; // the engine has not taken our results yet: this command waits in the ring
            }
            try
            {
                reserved += execute(command);
            }
            catch (final RuntimeException ex)
            {
                // a bug must not wedge the ring: the command is dropped and logged
                LOG.error("disk command {} for {} failed", command.type, command.queue, ex);
            }
            link.takeCommand();
            work++;
        }
        work += syncDue(clock.nanoTime());
        work += acknowledge();
        link.wakeEngine();
        return work;
    }

    /**
     * How long the agent may park before its next timed sync (which also retries a failed metadata save), at most
     * {@link #MAX_PARK_NANOS} and at least a microsecond.
     */
    public long nanosToNextTimedSync()
    {
        final long left = lastTimedSync + syncTimeoutNs - clock.nanoTime();
        return Math.max(1_000, Math.min(MAX_PARK_NANOS, left));
    }

    // ---------------------------------------------------------------- commands

    private static int resultsNeeded(final StoreCommand command)
    {
        switch (command.type)
        {
            case StoreCommand.READ:
                return command.count + 1;
            case StoreCommand.APPEND:
                return 2; // its answer, and WRITABLE when it ends a failure
            case StoreCommand.SAVE_METADATA:
                return command.token == null ? 0 : 1;
            default:
                return 0;
        }
    }

    /** Carries out one command; returns how many results it left to post after the sync. */
    private int execute(final StoreCommand c)
    {
        switch (c.type)
        {
            case StoreCommand.APPEND:
                return append(c);
            case StoreCommand.READ:
                read(c);
                return 0;
            case StoreCommand.CONSUMED:
            case StoreCommand.CONSUMED_THROUGH:
                consume(c);
                return 0;
            case StoreCommand.EMPTY:
                empty(c.queue);
                return 0;
            case StoreCommand.DELETE:
                delete(c.queue);
                return 0;
            case StoreCommand.SAVE_METADATA:
                final String error = saveMetadata((NsqdMetadata)c.payload);
                if (c.token != null)
                {
                    post(error == null ? StoreResult.APPENDED : StoreResult.APPEND_FAILED, null, c.token);
                }
                return 0;
            default:
                LOG.error("unknown disk command {}", c.type);
                return 0;
        }
    }

    private int append(final StoreCommand c)
    {
        int written = 0;
        try
        {
            final MessageStore store = store(c.queue);
            if (c.bodies == null)
            {
                store.append(c.id, c.timestamp, c.attempts, c.deferral, c.body);
                written = 1;
            }
            else
            {
                for (; written < c.count; written++)
                {
                    store.append(c.ids[written], c.timestamp, c.attempts, c.deferral, c.bodies[written]);
                }
            }
        }
        catch (final StoreException ex)
        {
            if (written > 0)
            {
                touched(c.queue, written);
            }
            appendFailed(c, written, ex);
            return 0;
        }
        touched(c.queue, written);
        if (failing)
        {
            failing = false;
            health.ok();
            LOG.info("writes to the data path work again");
            post(StoreResult.WRITABLE, null, null);
        }
        if (c.token == null)
        {
            return 0;
        }
        if (syncEvery == 1)
        {
            ackQueues.add(c.queue);
            ackTokens.add(c.token);
            return 1;
        }
        post(StoreResult.APPENDED, c.queue, c.token);
        return 0;
    }

    private void appendFailed(final StoreCommand c, final int written, final StoreException ex)
    {
        final String error = ex.getMessage();
        if (!failing)
        {
            LOG.error("failed to write to {}: {}", c.queue, error);
        }
        failing = true;
        health.failed(error);
        final long sequence = link.claimResult();
        final StoreResult r = link.result(sequence);
        r.type = StoreResult.APPEND_FAILED;
        r.queue = c.queue;
        r.token = c.token;
        r.error = error;
        r.count = written;
        r.id = c.id;
        r.timestamp = c.timestamp;
        r.attempts = c.attempts;
        r.deferral = c.deferral;
        r.body = c.body;
        r.ids = c.ids;
        r.bodies = c.bodies;
        link.publishResult(sequence);
    }

    private void read(final StoreCommand c)
    {
        int delivered = 0;
        try
        {
            final MessageStore store = existingStore(c.queue);
            while (store != null && delivered < c.count && store.read(record))
            {
                final long sequence = link.claimResult();
                final StoreResult r = link.result(sequence);
                r.type = StoreResult.MESSAGE;
                r.queue = c.queue;
                r.generation = c.generation;
                r.sequence = record.sequence;
                r.id = record.id;
                r.timestamp = record.timestamp;
                r.attempts = record.attempts;
                r.deferral = record.deferral;
                r.body = record.body;
                link.publishResult(sequence);
                record.body = null;
                delivered++;
            }
        }
        catch (final StoreException ex)
        {
            LOG.error("failed to read {}: {}", c.queue, ex.getMessage());
        }
        final long sequence = link.claimResult();
        final StoreResult r = link.result(sequence);
        r.type = StoreResult.READ_DONE;
        r.queue = c.queue;
        r.generation = c.generation;
        r.count = c.count - delivered;
        link.publishResult(sequence);
    }

    private void consume(final StoreCommand c)
    {
        final MessageStore store = c.queue.store;
        if (store == null)
        {
            return; // emptied or deleted since: nothing of it is left to consume
        }
        if (c.type == StoreCommand.CONSUMED)
        {
            store.consumed(c.sequence);
        }
        else
        {
            store.consumedThrough(c.sequence);
        }
        touched(c.queue, 1);
    }

    private void empty(final QueueHandle queue)
    {
        try
        {
            final MessageStore store = existingStore(queue);
            if (store != null)
            {
                store.empty();
            }
        }
        catch (final StoreException ex)
        {
            LOG.error("failed to empty {}: {}", queue, ex.getMessage());
        }
    }

    private void delete(final QueueHandle queue)
    {
        final MessageStore store = queue.store;
        if (store != null)
        {
            queue.store = null;
            open.remove(queue);
            dirty.remove(queue);
            store.delete();
        }
        else
        {
            opener.remove(queue);
        }
        queue.opsSinceSync = 0;
    }

    /** Saves nsqd.dat; returns null, or the error (it is tried again at the next timed sync). */
    private String saveMetadata(final NsqdMetadata snapshot)
    {
        try
        {
            metadata.save(snapshot);
            unsavedMetadata = null;
            return null;
        }
        catch (final IOException ex)
        {
            LOG.error("failed to save metadata: {}", ex.getMessage());
            unsavedMetadata = snapshot;
            return ex.getMessage();
        }
    }

    // ---------------------------------------------------------------- syncing

    private void touched(final QueueHandle queue, final int operations)
    {
        if (queue.opsSinceSync == 0 && !dirty.contains(queue))
        {
            dirty.add(queue);
        }
        queue.opsSinceSync += operations;
        // as upstream's diskqueue: synced once it has taken --sync-every operations, not only at the end of a batch
        // of up to COMMAND_BATCH commands, which could leave many times --sync-every unsynced (--sync-every=1 keeps
        // its group commit at the end of the batch)
        if (syncEvery > 1 && queue.opsSinceSync >= syncEvery && !sync(queue))
        {
            failedSyncs.add(queue);
        }
    }

    /** Syncs the queues the policy says are due; returns how many. */
    private int syncDue(final long now)
    {
        final boolean timed = now - lastTimedSync >= syncTimeoutNs;
        if (dirty.isEmpty())
        {
            if (timed)
            {
                lastTimedSync = now;
                retryMetadata();
            }
            return 0;
        }
        int synced = 0;
        for (int i = dirty.size() - 1; i >= 0; i--)
        {
            final QueueHandle queue = dirty.get(i);
            if (timed || queue.opsSinceSync >= syncEvery)
            {
                if (!sync(queue))
                {
                    failedSyncs.add(queue);
                }
                dirty.remove(i);
                synced++;
            }
        }
        if (timed)
        {
            lastTimedSync = now;
            retryMetadata();
        }
        return synced;
    }

    private void retryMetadata()
    {
        if (unsavedMetadata != null)
        {
            saveMetadata(unsavedMetadata);
        }
    }

    private boolean sync(final QueueHandle queue)
    {
        queue.opsSinceSync = 0;
        final MessageStore store = queue.store;
        if (store == null)
        {
            return true;
        }
        try
        {
            store.sync();
            return true;
        }
        catch (final StoreException ex)
        {
            LOG.error("failed to sync {}: {}", queue, ex.getMessage());
            failing = true;
            health.failed(ex.getMessage());
            return false;
        }
    }

    /** Posts the acknowledgements the end-of-batch sync made true. */
    private int acknowledge()
    {
        final int count = ackTokens.size();
        for (int i = 0; i < count; i++)
        {
            final QueueHandle queue = ackQueues.get(i);
            if (failedSyncs.contains(queue))
            {
                post(StoreResult.APPEND_FAILED, queue, ackTokens.get(i));
            }
            else
            {
                post(StoreResult.APPENDED, queue, ackTokens.get(i));
            }
        }
        ackQueues.clear();
        ackTokens.clear();
        failedSyncs.clear();
        return count;
    }

    private void post(final int type, final QueueHandle queue, final Object token)
    {
        final long sequence = link.claimResult();
        final StoreResult r = link.result(sequence);
        r.type = type;
        r.queue = queue;
        r.token = token;
        r.error = type != StoreResult.APPEND_FAILED ? null : queue == null ? "failed to save metadata" : "failed to sync " + queue;
        r.count = 0;
        link.publishResult(sequence);
    }

    // ---------------------------------------------------------------- stores

    private MessageStore store(final QueueHandle queue) throws StoreException
    {
        MessageStore store = queue.store;
        if (store == null)
        {
            store = opener.open(queue);
            queue.store = store;
            open.add(queue);
        }
        return store;
    }

    /** The queue's store if it is open or has files from an earlier run; null otherwise. */
    private MessageStore existingStore(final QueueHandle queue) throws StoreException
    {
        if (queue.store == null && !opener.exists(queue))
        {
            return null;
        }
        return store(queue);
    }

    // ---------------------------------------------------------------- before start and after stop

    /** Opens a queue left by an earlier run; returns its unconsumed entries (0 when it has no files). */
    public long restore(final QueueHandle queue) throws StoreException
    {
        final MessageStore store = existingStore(queue);
        return store == null ? 0 : store.unconsumed();
    }

    /** Reads the next unread entry of a queue directly; false when there is none. */
    public boolean readNow(final QueueHandle queue, final StoredMessage into) throws StoreException
    {
        final MessageStore store = existingStore(queue);
        return store != null && store.read(into);
    }

    /** Appends directly, returning the entry's sequence. */
    public long appendNow(final QueueHandle queue, final StoredMessage message) throws StoreException
    {
        final long sequence = store(queue).append(message.id, message.timestamp, message.attempts, message.deferral, message.body);
        touched(queue, 1);
        return sequence;
    }

    /** Marks an entry consumed directly. */
    public void consumedNow(final QueueHandle queue, final long sequence)
    {
        if (queue.store != null)
        {
            queue.store.consumed(sequence);
            touched(queue, 1);
        }
    }

    /** Marks every entry up to {@code sequence} consumed directly. */
    public void consumedThroughNow(final QueueHandle queue, final long sequence)
    {
        if (queue.store != null)
        {
            queue.store.consumedThrough(sequence);
            touched(queue, 1);
        }
    }

    /** Saves metadata directly. */
    public void saveMetadataNow(final NsqdMetadata snapshot) throws IOException
    {
        metadata.save(snapshot);
        unsavedMetadata = null;
    }

    /** Carries out every command in the ring; the engine must take the results meanwhile (see the caller). */
    public boolean hasCommands()
    {
        return link.peekCommand() != null;
    }

    /** Syncs and closes every open store. */
    public void closeAll()
    {
        retryMetadata();
        for (final QueueHandle queue : open)
        {
            final MessageStore store = queue.store;
            if (store != null)
            {
                queue.store = null;
                queue.opsSinceSync = 0;
                store.close();
            }
        }
        open.clear();
        dirty.clear();
    }
}
