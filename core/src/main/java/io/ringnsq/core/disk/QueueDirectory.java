package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files of one queue's directory, by roll cycle: syncing, deleting, setting aside. */
final class QueueDirectory
{
    static final String CHRONICLE_METADATA = "metadata.cq4t";
    static final String BAD_SUFFIX = ".bad";

    private static final Logger LOG = LoggerFactory.getLogger(DiskQueue.class);

    private final Path dir;

    QueueDirectory(final Path dir)
    {
        this.dir = dir;
    }

    Path path()
    {
        return dir;
    }

    Path rollFile(final int cycle)
    {
        return dir.resolve(RollFiles.name(cycle));
    }

    /** The highest cycle with a roll file, or -1 when there is none. */
    int lastCycle() throws DiskQueueException
    {
        int last = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RollFiles.SUFFIX))
        {
            for (final Path file : files)
            {
                last = Math.max(last, RollFiles.cycle(file.getFileName().toString()));
            }
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot list disk queue directory " + dir + ": " + ex, ex);
        }
        return last;
    }

    /** fdatasyncs the roll files of cycles {@code from} to {@code to}: every page written through the mapping. */
    void forceRollFiles(final int from, final int to) throws DiskQueueException
    {
        for (int cycle = from; cycle <= to; cycle++)
        {
            final Path file = rollFile(cycle);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                channel.force(false);
            }
            catch (final NoSuchFileException ex)
            {
                // a cycle that never got its file (no room at the time)
            }
            catch (final IOException ex)
            {
                throw new DiskQueueException("cannot sync " + file + ": " + ex, ex);
            }
        }
    }

    /** fsyncs the directory, so files created or renamed in it survive a crash. */
    void sync() throws DiskQueueException
    {
        syncDirectory(dir);
    }

    /** Makes a new queue directory's own entry durable; best effort, the queue works without it. */
    void syncParent()
    {
        try
        {
            syncDirectory(dir.toAbsolutePath().getParent());
        }
        catch (final DiskQueueException ex)
        {
            LOG.warn("disk queue {}: {}", dir, ex.getMessage());
        }
    }

    /** Deletes the roll files of cycles before {@code bound}. */
    void deleteRollFilesBefore(final int bound) throws DiskQueueException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RollFiles.SUFFIX))
        {
            for (final Path file : files)
            {
                final int cycle = RollFiles.cycle(file.getFileName().toString());
                if (cycle >= 0 && cycle < bound)
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot delete consumed roll files in " + dir + ": " + ex, ex);
        }
    }

    /** Deletes one roll file; a failure is logged. */
    void deleteRollFile(final int cycle)
    {
        try
        {
            Files.deleteIfExists(rollFile(cycle));
        }
        catch (final IOException ex)
        {
            LOG.warn("disk queue {}: cannot delete {}: {}", dir, rollFile(cycle).getFileName(), ex.toString());
        }
    }

    /** Deletes every roll file, those set aside, and Chronicle's metadata file. */
    void deleteQueueFiles() throws DiskQueueException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
        {
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                if (RollFiles.cycle(name) >= 0 || name.endsWith(RollFiles.SUFFIX + BAD_SUFFIX) ||
                    name.equals(CHRONICLE_METADATA))
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot delete roll files in " + dir + ": " + ex, ex);
        }
    }

    /**
     * Deletes Chronicle's {@code metadata.cq4t}. It holds only what Chronicle rebuilds from the roll files (the
     * directory listing, lock words, how far end markers were written; the roll cycle comes from the builder), and it
     * is never synced, so after a power cut it can be torn: a garbled one makes Chronicle wait 10 s for a lock and
     * fail, a cut one makes it open the queue read-only.
     */
    void deleteChronicleMetadata() throws DiskQueueException
    {
        final Path metadata = dir.resolve(CHRONICLE_METADATA);
        try
        {
            Files.deleteIfExists(metadata);
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot delete " + metadata + ": " + ex, ex);
        }
    }

    /**
     * Renames to {@code <name>.bad} each roll file {@code problem} finds fault with, as upstream does with corrupt
     * files; logs each.
     *
     * @param problem why a cycle's file cannot be used, or null when it can.
     * @return whether any file was set aside.
     */
    boolean setAside(final IntFunction<String> problem) throws DiskQueueException
    {
        boolean renamed = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + RollFiles.SUFFIX))
        {
            for (final Path file : files)
            {
                final int cycle = RollFiles.cycle(file.getFileName().toString());
                final String fault = cycle < 0 ? null : problem.apply(cycle);
                if (fault != null)
                {
                    final Path bad = file.resolveSibling(file.getFileName() + BAD_SUFFIX);
                    Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
                    LOG.warn("disk queue {}: {} has no readable Chronicle header ({}); renamed it to {}, its entries " +
                        "are lost", dir, file.getFileName(), fault, bad.getFileName());
                    renamed = true;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot check the roll files in " + dir + ": " + ex, ex);
        }
        return renamed;
    }

    /** Removes the directory and everything in it; failures are logged. */
    void deleteTree()
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("disk queue {}: cannot remove it all: {}", dir, ex.toString());
        }
    }

    private static void syncDirectory(final Path directory) throws DiskQueueException
    {
        if (directory == null)
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new DiskQueueException("cannot sync directory " + directory + ": " + ex, ex);
        }
    }
}
