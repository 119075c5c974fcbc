package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * {@code watermark.dat}: where a queue resumes after a restart. Two 64-byte slots, 4 KiB apart so one torn sector
 * cannot take both; each write goes to the slot the last one did not use and is fsynced, so a torn write loses
 * only itself. Loading takes the valid slot with the higher generation. Slot layout, little-endian:
 *
 * <pre>
 *   0  magic "RNDQ"      4
 *   4  format (1)        4
 *   8  generation        8
 *  16  start sequence    8   the watermark: the first entry not consumed
 *  24  start index       8   a Chronicle index at or before the watermark's entry, -1 if none is known
 *  32  end sequence      8   the sequence the next append gets, as of the write
 *  40  end index         8   the Chronicle index of the last entry appended, -1 if none is known
 *  48  write cycle       4   the roll cycle being written, so cycles only go up across restarts
 *  52  reserved          4
 *  56  CRC32C            4   over bytes 0..55
 * </pre>
 */
final class PositionFile implements AutoCloseable
{
    static final String NAME = "watermark.dat";

    /** What {@link #load()} found. */
    enum State
    {
        MISSING, CORRUPT, VALID
    }

    /** One stored position. */
    record Position(long startSequence, long startIndex, long endSequence, long endIndex, int writeCycle)
    {
    }

    private static final int MAGIC = 0x51444e52;
    private static final int FORMAT = 1;
    private static final int SLOT_LENGTH = 64;
    private static final int SLOT_STRIDE = 4096;
    private static final int CRC_OFFSET = 56;

    private final Path path;
    private final FileChannel channel;
    private final boolean created;
    private final ByteBuffer slot = ByteBuffer.allocateDirect(SLOT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long generation;
    private State state = State.MISSING;

    private PositionFile(final Path path, final FileChannel channel, final boolean created)
    {
        this.path = path;
        this.channel = channel;
        this.created = created;
    }

    /**
     * Opens the file for reading and writing, creating it empty, and locks it: one open queue a directory, in this
     * process or any other. Failing here means the directory is unusable.
     */
    static PositionFile open(final Path dir) throws DiskQueueException
    {
        final Path path = dir.resolve(NAME);
        final boolean existed = Files.exists(path);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new DiskQueueException("disk queue directory " + dir + " is not writable: cannot open " + path +
                ": " + ex, ex);
        }
        try
        {
            if (channel.tryLock() == null)
            {
                throw new OverlappingFileLockException();
            }
            return new PositionFile(path, channel, !existed);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            throw new DiskQueueException("disk queue " + dir + " is already open (" + path + " is locked): " + ex, ex);
        }
    }

    Path path()
    {
        return path;
    }

    /** Whether {@link #open} created the file. */
    boolean created()
    {
        return created;
    }

    State state()
    {
        return state;
    }

    /** Reads the newer valid slot; null when there is none ({@link #state()} says whether the file was empty). */
    Position load() throws DiskQueueException
    {
        Position best = null;
        boolean anyBytes = false;
        for (int i = 0; i < 2; i++)
        {
            slot.clear();
            try
            {
                readFully(i * (long)SLOT_STRIDE);
            }
            catch (final IOException ex)
            {
                throw new DiskQueueException("cannot read " + path + ": " + ex, ex);
            }
            if (slot.position() > 0)
            {
                anyBytes = true;
            }
            if (slot.position() < SLOT_LENGTH || !valid())
            {
                continue;
            }
            final long slotGeneration = slot.getLong(8);
            if (best == null || slotGeneration > generation)
            {
                generation = slotGeneration;
                best = new Position(slot.getLong(16), slot.getLong(24), slot.getLong(32), slot.getLong(40),
                    slot.getInt(48));
            }
        }
        state = best != null ? State.VALID : anyBytes ? State.CORRUPT : State.MISSING;
        return best;
    }

    /** Writes the position to the older slot and fsyncs it. */
    void store(final Position position) throws DiskQueueException
    {
        generation++;
        slot.clear();
        slot.putInt(0, MAGIC);
        slot.putInt(4, FORMAT);
        slot.putLong(8, generation);
        slot.putLong(16, position.startSequence());
        slot.putLong(24, position.startIndex());
        slot.putLong(32, position.endSequence());
        slot.putLong(40, position.endIndex());
        slot.putInt(48, position.writeCycle());
        slot.putInt(52, 0);
        slot.putInt(CRC_OFFSET, checksum());
        try
        {
            long offset = (generation & 1) * SLOT_STRIDE;
            while (slot.hasRemaining())
            {
                offset += channel.write(slot, offset);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot write " + path + ": " + ex, ex);
        }
    }

    /** Closes the file, which releases the lock. */
    @Override
    public void close()
    {
        closeQuietly(channel);
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // nothing was pending: every store() forced its write
        }
    }

    private void readFully(final long offset) throws IOException
    {
        while (slot.hasRemaining())
        {
            final int n = channel.read(slot, offset + slot.position());
            if (n < 0)
            {
                return;
            }
        }
    }

    private boolean valid()
    {
        return slot.getInt(0) == MAGIC && slot.getInt(4) == FORMAT && slot.getInt(CRC_OFFSET) == checksum();
    }

    private int checksum()
    {
        crc.reset();
        slot.clear();
        slot.limit(CRC_OFFSET);
        crc.update(slot);
        slot.clear();
        return (int)crc.getValue();
    }
}
