package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringnsq.core.store.StoredMessage;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic's or channel's message queue on disk: a Chronicle {@link SingleChronicleQueue} in its own directory,
 * with sequence numbers, consumption and durability kept by this class rather than by Chronicle.
 *
 * <ul>
 * <li><b>Sequences.</b> Every entry gets the next of a run of consecutive longs that keeps increasing across
 * restarts and {@link #empty()}; the sequence is stored in the entry, so a reader can tell what damage took.</li>
 * <li><b>Consumption.</b> {@link #consumed} may come in any order; the watermark, the first entry not consumed,
 * moves over the consumed run after it (see {@link ConsumedSpan} for the memory this costs). After a restart the
 * queue resumes at the watermark of the last {@link #sync()}: entries consumed after it come again (at least
 * once), none is skipped.</li>
 * <li><b>Roll by size.</b> A roll file takes entries until the next would take its payload (entries and their
 * 4-byte excerpt headers) past {@code max-bytes-per-file}, as upstream's files do; then the queue moves Chronicle's
 * clock ({@link CycleClock}) to the next cycle. Opening takes a fresh cycle too, so nothing is appended after a
 * tail a crash may have torn.</li>
 * <li><b>Sync.</b> {@link #sync()} fdatasyncs every roll file written since the last sync (and the directory when a
 * file was created), then stores the watermark ({@link PositionFile}), then deletes the roll files wholly before
 * the watermark. When to sync is the caller's decision.</li>
 * <li><b>Damage.</b> Damaged or torn files never stop {@link #open}: every good entry before the damage is read,
 * and those after it wherever Chronicle's index finds them ({@link EntryReader}); each damaged stretch is logged
 * once, naming the file.</li>
 * </ul>
 *
 * <p>The directory holds:
 * <ul>
 * <li>{@code 19700101-0000V.cq4}, {@code 19700101-0005V.cq4}, ...: Chronicle roll files, one a cycle
 * ({@link RollFiles}), each entry a {@link RecordCodec} record in a data excerpt;</li>
 * <li>{@code metadata.cq4t}: Chronicle's own table store, rebuilt at every open;</li>
 * <li>{@code watermark.dat}: where to resume ({@link PositionFile}), also the lock that keeps the queue open once;</li>
 * <li>{@code *.cq4.bad}: roll files Chronicle could not open, set aside at open.</li>
 * </ul>
 *
 * <p>Single-threaded: one thread at a time (the disk agent's) calls it; no locks, no threads of its own. Appends and
 * reads reuse Chronicle's excerpt contexts and this class's scratch buffers: a read allocates the body it returns
 * and nothing else.
 */
public final class DiskQueue implements AutoCloseable
{
    /**
     * Chronicle indexes every 64th entry. The index is how a reader resumes after damage, so it loses at most 63
     * good entries after a broken excerpt header, for 8 bytes of index per 64 entries.
     */
    static final int INDEX_SPACING = 64;
    /** The smallest block: its quarter, the overlap, still holds an index array. */
    static final long MIN_BLOCK_SIZE = 256 << 10;
    /** The largest block chosen for the roll file's sake; larger messages can still ask for more. */
    static final long MAX_BLOCK_SIZE = 4 << 20;
    private static final long BLOCK_ALIGNMENT = 64 << 10;

    private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);

    private final Path dir;
    private final QueueDirectory files;
    private final long maxBytesPerFile;
    private final int maxMsgSize;
    private final long blockSize;
    private final long recoveryTimeoutMs;
    private final RecordCodec codec;
    private final PositionFile positionFile;
    private final SpaceGuard space;
    private final DamageLog damage;
    private final CycleClock clock = new CycleClock(RollFiles.ROLL_CYCLE.lengthInMillis());
    private final ConsumedSpan span = new ConsumedSpan();
    private final IndexRuns runs = new IndexRuns();
    private final RollCycle rollCycle = RollFiles.ROLL_CYCLE;

    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private EntryReader reader;
    private long maxEntriesPerFile;

    private int writeCycle;
    private boolean cycleStarted;
    private long cycleBytes;
    private long cycleEntries;
    private long writePosition;
    private long nextSequence;
    private long lastAppendIndex = -1;
    private long startIndexHint = -1;

    private int firstUnsyncedCycle;
    private boolean appendedSinceSync;
    private boolean createdFileSinceSync;
    private boolean dirty;
    private int deletedBelow = Integer.MIN_VALUE;
    private boolean closed;

    private DiskQueue(final Path dir, final DiskQueueSettings settings, final PositionFile positionFile)
    {
        this.dir = dir;
        this.files = new QueueDirectory(dir);
        this.maxBytesPerFile = settings.maxBytesPerFile();
        this.maxMsgSize = settings.maxMsgSize();
        this.blockSize = blockSize(maxBytesPerFile, maxMsgSize);
        this.recoveryTimeoutMs = settings.recoveryTimeoutMs();
        this.codec = new RecordCodec(maxMsgSize);
        this.positionFile = positionFile;
        this.space = new SpaceGuard(dir, settings.diskSpace().apply(dir));
        this.damage = new DamageLog(dir);
    }

    /**
     * Opens or creates the queue in {@code dir} (creating the directory), recovering what is there: damaged files
     * are logged and read around or set aside, never a reason to fail.
     *
     * @throws DiskQueueException when the directory cannot be used: not creatable, not writable, or the queue is
     *                            open already (in this process or another).
     */
    public static DiskQueue open(final Path dir, final DiskQueueSettings settings) throws DiskQueueException
    {
        settings.conclude();
        final boolean existed = Files.isDirectory(dir);
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new DiskQueueException("cannot create disk queue directory " + dir + ": " + ex, ex);
        }
        final PositionFile positionFile = PositionFile.open(dir);
        final DiskQueue diskQueue;
        try
        {
            diskQueue = new DiskQueue(dir, settings, positionFile);
        }
        catch (final RuntimeException ex)
        {
            positionFile.close();
            throw ex;
        }
        try
        {
            if (!existed)
            {
                diskQueue.files.syncParent();
            }
            diskQueue.recover();
            return diskQueue;
        }
        catch (final DiskQueueException | RuntimeException ex)
        {
            diskQueue.abandon();
            if (ex instanceof DiskQueueException)
            {
                throw (DiskQueueException)ex;
            }
            throw new DiskQueueException("cannot open disk queue " + dir + ": " + ex, ex);
        }
    }

    /**
     * Chronicle's block size. Chronicle maps and grows a roll file a block at a time, plus an overlap of a quarter
     * block, all sparse, so a queue holding one entry still shows 1.25 blocks of apparent size (80 MiB with
     * Chronicle's default). An excerpt must fit in the overlap (Chronicle limits a writing context to it), hence at
     * least 4 of the largest entries; beyond that a sixteenth of a roll file, capped at {@link #MAX_BLOCK_SIZE}.
     * Defaults: 4.06 MiB, so 5.1 MiB apparent for an idle queue. Larger blocks append faster unsynced (measured
     * ~450 ns a 200-byte entry with 4 MiB blocks, ~250 with 32 MiB), but with a sync every 2,500 entries the
     * fdatasync dominates (~1.1 us an entry), so the small block is kept.
     */
    static long blockSize(final long maxBytesPerFile, final int maxMsgSize)
    {
        final long forEntries = 4 * RecordCodec.entryBytes(maxMsgSize);
        final long forFiles = Math.min(MAX_BLOCK_SIZE, Long.highestOneBit(Math.max(1, maxBytesPerFile / 16)));
        final long size = Math.max(MIN_BLOCK_SIZE, Math.max(forEntries, forFiles));
        return (size + BLOCK_ALIGNMENT - 1) / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT;
    }

    /** The queue's directory. */
    public Path directory()
    {
        return dir;
    }

    /**
     * Appends one message.
     *
     * @return its sequence number.
     * @throws DiskFullException  when the filesystem lacks room for it and the reserve; nothing was written.
     * @throws DiskQueueException when the write failed for another reason; nothing was written.
     * @throws IllegalArgumentException when the body is longer than max-msg-size.
     */
    public long append(final long id, final long timestamp, final int attempts, final long deferral, final byte[] body)
        throws DiskFullException, DiskQueueException
    {
        ensureOpen();
        if (body.length > maxMsgSize)
        {
            throw new IllegalArgumentException("body of " + body.length + " bytes is over max-msg-size " + maxMsgSize);
        }
        final long bytes = RecordCodec.entryBytes(body.length);
        if (!cycleStarted)
        {
            startCycle();
        }
        else if (cycleEntries > 0 && (cycleBytes + bytes > maxBytesPerFile || cycleEntries >= maxEntriesPerFile))
        {
            roll();
        }
        space.claim(bytes, writePosition);

        final long sequence = nextSequence;
        final DocumentContext dc;
        try
        {
            dc = appender.writingDocument();
        }
        catch (final RuntimeException ex)
        {
            throw new DiskQueueException("cannot append to " + currentFile() + ": " + ex, ex);
        }
        try
        {
            final Bytes<?> out = dc.wire().bytes();
            codec.write(out, sequence, id, timestamp, attempts, deferral, body);
            writePosition = out.writePosition();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: SIGBUS on a mapped page the filesystem could not back, if the space guard was beaten
            dc.rollbackOnClose();
            closeQuietly(dc);
            space.reset();
            throw new DiskQueueException("cannot append to " + currentFile() + ": " + ex, ex);
        }
        try
        {
            dc.close();
        }
        catch (final RuntimeException ex)
        {
            throw new DiskQueueException("cannot append to " + currentFile() + ": " + ex, ex);
        }
        lastAppendIndex = appender.lastIndexAppended();
        nextSequence = sequence + 1;
        cycleBytes += bytes;
        cycleEntries++;
        appendedSinceSync = true;
        dirty = true;
        return sequence;
    }

    /**
     * Reads the next entry not read yet since the queue opened or was emptied, in append order.
     *
     * @param into filled with the entry; its body is a new array of the exact length.
     * @return false when there is none now.
     */
    public boolean read(final StoredMessage into) throws DiskQueueException
    {
        ensureOpen();
        try
        {
            while (reader.next(into, true, damage))
            {
                final long sequence = into.sequence;
                final long expected = span.end();
                if (sequence < expected)
                {
                    // consumed before the watermark was stored: the resume point can be an entry early
                    continue;
                }
                damage.resumed(expected, sequence);
                span.read(sequence);
                runs.add(sequence, reader.lastIndex());
                if (sequence >= nextSequence)
                {
                    nextSequence = sequence + 1;
                }
                return true;
            }
            damage.stalled();
            return false;
        }
        catch (final RuntimeException ex)
        {
            throw new DiskQueueException("cannot read disk queue " + dir + ": " + ex, ex);
        }
    }

    /**
     * The entry {@code sequence} is done with; entries may be consumed in any order. An entry consumed already, or
     * before the watermark, is ignored.
     *
     * @throws IllegalArgumentException when the entry has not been read.
     */
    public void consumed(final long sequence)
    {
        ensureOpen();
        checkRead(sequence);
        span.consume(sequence);
        dirty = true;
    }

    /**
     * Every entry up to and including {@code sequence} is done with.
     *
     * @throws IllegalArgumentException when the entry has not been read.
     */
    public void consumedThrough(final long sequence)
    {
        ensureOpen();
        checkRead(sequence);
        span.consumeThrough(sequence);
        dirty = true;
    }

    /** Entries written and not consumed: the depth the queue has after a restart. */
    public long unconsumed()
    {
        return nextSequence - span.start() - span.consumedInSpan();
    }

    /** Entries written and not read yet since the queue opened or was emptied. */
    public long unread()
    {
        return nextSequence - span.end();
    }

    /** Whether anything was appended or consumed since the last {@link #sync()}. */
    public boolean isDirty()
    {
        return dirty || appendedSinceSync;
    }

    /**
     * Makes every appended entry durable, then stores the watermark durably, then deletes the roll files all of
     * whose entries are before the watermark.
     */
    public void sync() throws DiskQueueException
    {
        ensureOpen();
        if (appendedSinceSync || createdFileSinceSync)
        {
            files.forceRollFiles(firstUnsyncedCycle, writeCycle);
            if (createdFileSinceSync)
            {
                files.sync();
            }
            firstUnsyncedCycle = writeCycle;
            appendedSinceSync = false;
            createdFileSinceSync = false;
            dirty = true;
        }
        if (dirty)
        {
            positionFile.store(position());
            dirty = false;
        }
        deleteConsumedFiles();
    }

    /**
     * Drops every entry: reading and the watermark start at the end, the roll files are removed. Sequences go on
     * from where they were.
     */
    public void empty() throws DiskQueueException
    {
        ensureOpen();
        final long end = nextSequence;
        final int cycle = writeCycle + 1;
        // stored first: a crash from here on resumes with nothing to read, whatever files are left
        positionFile.store(new PositionFile.Position(end, -1, end, -1, cycle));
        damage.stalled();
        writeCycle = cycle;
        span.reset(end);
        runs.clear();
        startIndexHint = -1;
        lastAppendIndex = -1;
        appendedSinceSync = false;
        createdFileSinceSync = false;
        dirty = false;
        try
        {
            closeChronicle();
            space.close();
            files.deleteQueueFiles();
            files.sync();
            openChronicle();
            reader.toStart();
            tryStartCycle();
        }
        catch (final DiskQueueException | RuntimeException ex)
        {
            // closed, but consistent: opening again finds it empty
            abandon();
            throw ex instanceof DiskQueueException ? (DiskQueueException)ex :
                new DiskQueueException("cannot reopen disk queue " + dir + " after emptying it: " + ex, ex);
        }
        firstUnsyncedCycle = writeCycle;
        deletedBelow = writeCycle;
    }

    /** Closes the queue and removes its directory and everything in it. */
    public void delete()
    {
        abandon();
        files.deleteTree();
    }

    /**
     * Syncs, then closes; a failed sync is logged, and the queue is closed all the same. A roll file this session
     * started and put no entry in is removed, so an idle queue opened and closed again and again does not collect
     * empty files.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        final boolean unusedFile = cycleStarted && cycleEntries == 0;
        try
        {
            sync();
        }
        catch (final DiskQueueException | RuntimeException ex)
        {
            LOG.error("disk queue {}: sync on close failed, entries since the last sync may be lost: {}", dir,
                ex.getMessage());
        }
        finally
        {
            abandon();
        }
        if (unusedFile)
        {
            files.deleteRollFile(writeCycle);
        }
    }

    /** Drops every handle without syncing or storing the watermark, as a crash would leave the directory. */
    void abandon()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        closeChronicle();
        space.close();
        positionFile.close();
    }

    /** Damaged stretches the reader stepped over since the queue opened. */
    long damagedStretches()
    {
        return damage.stretches();
    }

    /** Sequences found missing since the queue opened (taken by damage, or gone with their files). */
    long lostEntries()
    {
        return damage.lost();
    }

    /** The cycle being appended to. */
    int writeCycle()
    {
        return writeCycle;
    }

    /** Chronicle's block size for this queue. */
    long blockSize()
    {
        return blockSize;
    }

    // ---------------------------------------------------------------- opening

    private void recover() throws DiskQueueException
    {
        final PositionFile.Position loaded = positionFile.load();
        final int lastCycleOnDisk = files.lastCycle();
        if (loaded == null && lastCycleOnDisk >= 0)
        {
            LOG.warn("disk queue {}: {} is {}; reading from the first entry on disk, so entries consumed before are " +
                "delivered again", dir, positionFile.path().getFileName(),
                positionFile.state() == PositionFile.State.CORRUPT ? "corrupt" : "missing");
        }
        // a fresh cycle every open: never append after a tail a crash may have torn, and cycles only go up
        writeCycle = Math.max(loaded == null ? -1 : loaded.writeCycle(), lastCycleOnDisk) + 1;
        // rebuilt by Chronicle from the roll files: unsynced, so possibly torn by a crash
        files.deleteChronicleMetadata();
        openChronicle();
        // a fresh file also has Chronicle end every older file, waiting out a header a crash left incomplete
        tryStartCycle();

        final long startSequence = loaded == null ? -1 : loaded.startSequence();
        final long startIndex = loaded == null ? -1 : loaded.startIndex();
        final long endIndex = loaded == null ? -1 : loaded.endIndex();
        nextSequence = loaded == null ? 0 : loaded.endSequence();

        // entries appended after the last sync may have survived: take the sequence on from the newest one
        final StoredMessage scratch = new StoredMessage();
        final EntryReader.DamageListener quiet = (cycle, entry, reason, skipped) ->
            LOG.debug("disk queue {}: tail scan skips {} at entry {} of {}", dir, reason, entry, RollFiles.name(cycle));
        if (endIndex < 0 || !reader.moveTo(endIndex))
        {
            reader.toStart();
        }
        long first = -1;
        while (reader.next(scratch, false, quiet))
        {
            if (first < 0)
            {
                first = scratch.sequence;
            }
            nextSequence = Math.max(nextSequence, scratch.sequence + 1);
        }
        final long start = startSequence >= 0 ? startSequence : first >= 0 ? first : nextSequence;
        nextSequence = Math.max(nextSequence, start);

        if (startIndex < 0 || !reader.moveTo(startIndex))
        {
            reader.toStart();
        }
        span.reset(start);
        runs.clear();
        startIndexHint = startIndex;
        lastAppendIndex = endIndex;
        firstUnsyncedCycle = writeCycle;
        if (loaded == null)
        {
            positionFile.store(position());
            if (positionFile.created())
            {
                files.sync();
            }
        }
        deleteConsumedFiles();
    }

    private void openChronicle() throws DiskQueueException
    {
        clock.cycle(writeCycle);
        try
        {
            queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .timeProvider(clock)
                .blockSize(blockSize)
                .indexSpacing(INDEX_SPACING)
                .timeoutMS(recoveryTimeoutMs)
                .build();
            // before the appender: creating one reads back through files that may lack an end marker
            quarantineUnreadableFiles();
            appender = queue.createAppender();
            // the disk agent owns the queue; open() may have run on another thread
            appender.singleThreadedCheckDisabled(true);
            reader = new EntryReader(queue, codec);
            reader.writeCycle(writeCycle);
        }
        catch (final DiskQueueException | RuntimeException ex)
        {
            closeChronicle();
            throw ex instanceof DiskQueueException ? (DiskQueueException)ex :
                new DiskQueueException("cannot open Chronicle queue in " + dir + ": " + ex, ex);
        }
        final long indexCount = queue.indexCount();
        maxEntriesPerFile = Math.min(rollCycle.maxMessagesPerCycle(), indexCount * indexCount * INDEX_SPACING) - 1;
        cycleStarted = false;
    }

    /**
     * Renames roll files whose Chronicle header cannot be read (a crash while creating the file, a cut, garbage) to
     * {@code <name>.bad}, as upstream does with corrupt files: Chronicle would otherwise fail on them, or wait on them
     * at every turn. Their entries are lost; the reader reports the gap in sequences when it passes it.
     */
    private void quarantineUnreadableFiles() throws DiskQueueException
    {
        if (files.setAside(this::unreadable))
        {
            queue.refreshDirectoryListing();
        }
    }

    /** Why Chronicle cannot open a cycle's file, or null when it can. */
    private String unreadable(final int cycle)
    {
        try
        {
            final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
            if (store == null)
            {
                return "no header";
            }
            queue.closeStore(store);
            return null;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            return ex.toString();
        }
    }

    /** Starts the write cycle's file now if there is room, else at the first append. */
    private void tryStartCycle() throws DiskQueueException
    {
        try
        {
            startCycle();
        }
        catch (final DiskFullException ex)
        {
            LOG.warn("disk queue {}: no room for a new roll file; appends will be refused until there is: {}", dir,
                ex.getMessage());
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Creates the write cycle's roll file with a small metadata excerpt, which tailers skip. Creating it is what
     * makes Chronicle write the end-of-file marker into the file before (and into any older file still without one).
     */
    private void startCycle() throws DiskQueueException
    {
        space.checkNewFile();
        try (DocumentContext dc = appender.writingDocument(true))
        {
            final Bytes<?> out = dc.wire().bytes();
            out.writeByte(RecordCodec.VERSION);
            writePosition = out.writePosition();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new DiskQueueException("cannot start roll file " + RollFiles.name(writeCycle) + " in " + dir + ": " +
                ex, ex);
        }
        cycleStarted = true;
        createdFileSinceSync = true;
        cycleBytes = 0;
        cycleEntries = 0;
        space.newFile(appender.currentFile(), writePosition);
    }

    private void roll() throws DiskQueueException
    {
        space.checkNewFile();
        writeCycle++;
        clock.cycle(writeCycle);
        reader.writeCycle(writeCycle);
        cycleStarted = false;
        startCycle();
    }

    private String currentFile()
    {
        return files.rollFile(writeCycle).toString();
    }

    // ---------------------------------------------------------------- syncing and deleting

    private PositionFile.Position position()
    {
        final long start = span.start();
        final long startIndex;
        if (start < span.end())
        {
            startIndex = runs.indexOf(start);
        }
        else
        {
            // every entry read is consumed: resume at the last one read, which the reader then passes over
            startIndex = runs.lastIndex() >= 0 ? runs.lastIndex() : startIndexHint;
        }
        return new PositionFile.Position(start, startIndex, nextSequence, lastAppendIndex, writeCycle);
    }

    /** Deletes the roll files before the one holding the first entry not consumed. */
    private void deleteConsumedFiles() throws DiskQueueException
    {
        final int bound = Math.min(writeCycle, firstCycleInUse());
        if (bound <= deletedBelow)
        {
            return;
        }
        files.deleteRollFilesBefore(bound);
        queue.refreshDirectoryListing();
        deletedBelow = bound;
    }

    private int firstCycleInUse()
    {
        if (span.start() < span.end())
        {
            final long index = runs.indexOf(span.start());
            return index < 0 ? Integer.MIN_VALUE : rollCycle.toCycle(index);
        }
        // every entry before the tailer has been read, and every entry read is consumed
        return reader.cycle();
    }

    // ---------------------------------------------------------------- housekeeping

    private void checkRead(final long sequence)
    {
        if (sequence >= span.end())
        {
            throw new IllegalArgumentException("disk queue " + dir + ": entry " + sequence + " has not been read; " +
                "the next to read is " + span.end());
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("disk queue " + dir + " is closed");
        }
    }

    private void closeChronicle()
    {
        if (reader != null)
        {
            closeQuietly(reader);
            reader = null;
        }
        if (appender != null)
        {
            closeQuietly(appender);
            appender = null;
        }
        if (queue != null)
        {
            closeQuietly(queue);
            queue = null;
        }
    }

    private void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            LOG.debug("disk queue {}: closing {} failed: {}", dir, closeable, ex.toString());
        }
    }
}
