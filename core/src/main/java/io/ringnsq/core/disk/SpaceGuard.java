package io.ringnsq.core.disk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import net.openhft.posix.OpenFlag;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps appends from writing where the filesystem has no room. Chronicle writes through a memory map of a sparse
 * file; on a full filesystem a store into a page with no block behind it raises SIGBUS, which the JVM turns into
 * an {@link InternalError} in the middle of an entry. So before writing, the queue makes sure the blocks exist.
 *
 * <p>Each stretch of appends starts with one {@link DiskSpace} look-up (a statvfs) checking that the stretch plus
 * {@link #RESERVE_BYTES} fit, and {@code fallocate} then allocates that stretch of the roll file ahead of the write
 * position, so the writes in it cannot fault even if something else fills the disk meanwhile; a full disk shows up
 * as ENOSPC from fallocate instead. Stretches start at {@link #FIRST_STRETCH_BYTES} in each file and double up to
 * {@link #STRETCH_BYTES}, so a queue that takes one entry holds under 100 KiB more than it wrote, and a busy one
 * checks the space once a MiB. Where fallocate is not supported only the statvfs check guards.
 */
final class SpaceGuard implements AutoCloseable
{
    /**
     * Room left for what Chronicle writes outside the stretch allocated ahead: a new roll file's header page and
     * first two index arrays (16 KiB each with 2048-entry indexes), the end-of-file marker of the file it leaves,
     * and filesystem metadata. Generous, because running short here means SIGBUS.
     */
    static final long RESERVE_BYTES = 1 << 20;
    /** The first stretch allocated ahead in a roll file. */
    static final long FIRST_STRETCH_BYTES = 64 << 10;
    /** The longest stretch: bytes appended between two space checks once a file is busy. */
    static final long STRETCH_BYTES = 1 << 20;
    /** An index array Chronicle may write inline before an entry (2048 longs and a header), rounded up. */
    static final long INDEX_SLACK_BYTES = 32 << 10;

    private static final Logger LOG = LoggerFactory.getLogger(SpaceGuard.class);
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int ENOSPC = 28;

    private final Path dir;
    private final DiskSpace space;
    private long budget;
    private long stretch = FIRST_STRETCH_BYTES;
    private Path file;
    private int fd = -1;
    private long allocatedTo;
    private boolean preallocate = true;

    SpaceGuard(final Path dir, final DiskSpace space)
    {
        this.dir = dir;
        this.space = space;
    }

    /**
     * Claims room for an entry of {@code bytes} to be written at {@code writePosition} of the current roll file.
     *
     * @throws DiskFullException when the filesystem lacks the room; nothing was written.
     */
    void claim(final long bytes, final long writePosition) throws DiskQueueException
    {
        if (bytes > budget)
        {
            refill(bytes, writePosition);
        }
        budget -= bytes;
    }

    /** Checks there is room for a new roll file before Chronicle creates one. */
    void checkNewFile() throws DiskQueueException
    {
        final long usable = usable();
        if (usable < RESERVE_BYTES)
        {
            budget = 0;
            throw new DiskFullException("disk full: " + dir + " has " + usable + " bytes usable; a new roll file " +
                "needs " + RESERVE_BYTES);
        }
    }

    /** The queue now writes {@code file}, from {@code writePosition}; the budget starts afresh there. */
    void newFile(final File rollFile, final long writePosition)
    {
        closeFile();
        budget = 0;
        stretch = FIRST_STRETCH_BYTES;
        file = rollFile.toPath();
        allocatedTo = writePosition;
        if (preallocate)
        {
            try
            {
                // OpenFlag holds BSD values; O_RDWR is the one Linux shares (its O_CREAT would be Linux's O_TRUNC)
                fd = PosixAPI.posix().open(rollFile.getPath(), OpenFlag.O_RDWR.value(), 0);
                if (fd < 0)
                {
                    LOG.debug("cannot open {} to preallocate: {}", file, PosixAPI.posix().lastErrorStr());
                }
            }
            catch (final LinkageError | RuntimeException ex)
            {
                // no native binding on this platform
                preallocate = false;
                LOG.debug("no fallocate for {}: relying on usable-space checks only ({})", file, ex.toString());
            }
        }
    }

    /** Forgets the budget, so the next append checks the space again. */
    void reset()
    {
        budget = 0;
    }

    @Override
    public void close()
    {
        closeFile();
        file = null;
    }

    private void refill(final long bytes, final long writePosition) throws DiskQueueException
    {
        final long usable = usable();
        final long room = usable - RESERVE_BYTES;
        if (room < bytes)
        {
            throw full(usable, bytes);
        }
        final long grant = Math.min(room, Math.max(bytes, stretch));
        allocate(writePosition, grant + INDEX_SLACK_BYTES, usable, bytes);
        budget = grant;
        stretch = Math.min(stretch * 2, STRETCH_BYTES);
    }

    private void allocate(final long writePosition, final long length, final long usable, final long bytes)
        throws DiskQueueException
    {
        if (!preallocate || fd < 0)
        {
            return;
        }
        final long from = Math.max(allocatedTo, writePosition);
        final long to = writePosition + length;
        if (to <= from)
        {
            return;
        }
        final PosixAPI posix = PosixAPI.posix();
        // KEEP_SIZE: the blocks are reserved without changing the file length Chronicle sees
        if (posix.fallocate(fd, FALLOC_FL_KEEP_SIZE, from, to - from) == 0)
        {
            allocatedTo = to;
            return;
        }
        final int errno = posix.lastError();
        if (errno == ENOSPC)
        {
            throw full(usable, bytes);
        }
        // not supported here (or no posix binding): the statvfs check alone guards from now on
        preallocate = false;
        LOG.debug("fallocate on {} failed ({}): relying on usable-space checks only", file, posix.strerror(errno));
        closeFile();
    }

    private long usable() throws DiskQueueException
    {
        try
        {
            return space.usableBytes();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new DiskQueueException("cannot read the usable space of " + dir + ": " + ex, ex);
        }
    }

    private DiskFullException full(final long usable, final long bytes)
    {
        budget = 0;
        return new DiskFullException("disk full: " + dir + " has " + usable + " bytes usable; an entry of " + bytes +
            " bytes needs " + (bytes + RESERVE_BYTES) + " with the reserve for Chronicle's own writes");
    }

    private void closeFile()
    {
        if (fd >= 0)
        {
            PosixAPI.posix().close(fd);
            fd = -1;
        }
    }
}
