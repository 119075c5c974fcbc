package io.ringnsq.transport.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code --log-file}: lines appended to a file that is rotated by size. Before a line would take the
 * file past {@code maxSize} bytes, {@code <file>.1} becomes {@code <file>.2} and so on up to
 * {@code <file>.<maxFiles>} (the oldest is deleted), the file becomes {@code <file>.1}, and a new
 * file is started. A line is never split, so only a single line longer than {@code maxSize} makes a
 * file bigger than that. With {@code maxFiles} 0 the full file is simply started over.
 *
 * <p>Each line is one unbuffered write: the log is complete up to the last line even if the JVM is
 * killed, and nsqd logs far too little for buffering to matter. Not thread-safe (the appender is).
 */
public final class RotatingLogFile implements LogSink
{
    private final Path file;
    private final long maxSize;
    private final int maxFiles;
    private FileChannel channel;
    private long size;

    /**
     * Opens (or creates) the file for appending; an existing file's size counts toward {@code maxSize}.
     *
     * @param file     the log file; its directory must exist
     * @param maxSize  bytes a file may reach, at least 1
     * @param maxFiles rotated files to keep beside the current one, at least 0
     * @throws IOException one line naming the file and the reason, when it cannot be opened for writing
     */
    public RotatingLogFile(final Path file, final long maxSize, final int maxFiles) throws IOException
    {
        if (maxSize < 1)
        {
            throw new IllegalArgumentException("--log-file-max-size must be positive: " + maxSize);
        }
        if (maxFiles < 0)
        {
            throw new IllegalArgumentException("--log-file-max-files must not be negative: " + maxFiles);
        }
        this.file = file;
        this.maxSize = maxSize;
        this.maxFiles = maxFiles;
        open(false);
    }

    /** The current file. */
    public Path file()
    {
        return file;
    }

    /** {@code <file>.<index>}: index 1 is the newest rotated file. */
    public Path rotated(final int index)
    {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    @Override
    public void write(final byte[] line) throws IOException
    {
        if (size > 0 && size + line.length > maxSize)
        {
            rotate();
        }
        final ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        size += line.length;
    }

    private void rotate() throws IOException
    {
        channel.close();
        try
        {
            if (maxFiles > 0)
            {
                Files.deleteIfExists(rotated(maxFiles));
                for (int i = maxFiles - 1; i >= 1; i--)
                {
                    if (Files.exists(rotated(i)))
                    {
                        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            // after a failed rename the full file is still there: keep appending to it rather than lose lines
            open(maxFiles == 0);
        }
    }

    private void open(final boolean truncate) throws IOException
    {
        try
        {
            channel = truncate ?
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING) :
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            size = channel.size();
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException(file + ": no such file or directory", ex);
        }
        catch (final AccessDeniedException ex)
        {
            throw new IOException(file + ": permission denied", ex);
        }
        catch (final IOException ex)
        {
            // a directory is refused with a bare FileSystemException whose reason says so
            throw new IOException(file + ": " + (Files.isDirectory(file) ? "is a directory" : ex.getMessage()), ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            // nothing is buffered, so nothing is lost
        }
    }

    @Override
    public String describe()
    {
        return file.toString();
    }
}
