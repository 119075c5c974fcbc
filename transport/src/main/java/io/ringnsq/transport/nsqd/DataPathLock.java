package io.ringnsq.transport.nsqd;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data path, checked and held: it must be a writable directory, and only one nsqd may use it
 * at a time (upstream flocks the directory; the JVM cannot lock a directory, so a lock file in it
 * is held instead).
 */
public final class DataPathLock implements AutoCloseable
{
    public static final String LOCK_FILE = "ringnsq.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataPathLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IOException with a one-line reason naming the path. */
    public static DataPathLock acquire(final Path dataPath) throws IOException
    {
        if (!Files.isDirectory(dataPath))
        {
            throw new IOException("failed to lock data-path: " + dataPath + " is not a directory");
        }
        final Path probe;
        try
        {
            probe = Files.createTempFile(dataPath, ".write-check", ".tmp");
            Files.delete(probe);
        }
        catch (final IOException ex)
        {
            throw new IOException("data-path " + dataPath + " is not writable: " + reason(ex), ex);
        }
        final FileChannel channel = FileChannel.open(
            dataPath.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            lock = null; // held by another nsqd in this very JVM
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw new IOException("failed to lock data-path: " + ex.getMessage(), ex);
        }
        if (lock == null)
        {
            channel.close();
            throw new IOException("failed to lock data-path: " + dataPath
                + " is in use (possibly by another instance of nsqd)");
        }
        return new DataPathLock(channel, lock);
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof java.nio.file.AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException)ex).getReason() != null)
        {
            return ((java.nio.file.FileSystemException)ex).getReason();
        }
        return ex.getMessage();
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
            channel.close();
        }
        catch (final IOException ex)
        {
            // released on exit anyway
        }
    }
}
