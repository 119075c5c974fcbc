package io.ringnsq.core.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data-path>/nsqd.dat}: the topics and channels nsqd recreates at startup, in upstream v1.3.0's layout
 * (see {@link MetadataEncoder} and {@link MetadataDecoder}).
 *
 * <p>Only {@code nsqd.dat} is read. Upstream stopped reading the legacy {@code nsqd.<node-id>.dat} in v1.2.0
 * (ChangeLog #1055), so v1.3.0 starts empty when only that file is there, and so does this.
 *
 * <p>Not thread-safe: one thread saves at a time, as upstream saves under nsqd's lock.
 */
public final class MetadataFile
{
    /** The file's name inside the data path. */
    public static final String FILE_NAME = "nsqd.dat";

    private static final Logger LOG = LoggerFactory.getLogger(MetadataFile.class);
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<?>[] OWNER_ONLY = {PosixFilePermissions.asFileAttribute(
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
    private static final FileAttribute<?>[] NO_ATTRIBUTES = {};

    /** How the temp file is filled; a seam so a test can fail a save midway. */
    @FunctionalInterface
    interface ContentWriter
    {
        void write(FileChannel channel, ByteBuffer content) throws IOException;
    }

    private final Path directory;
    private final Path path;
    private final boolean posix;
    private final LongSupplier tempSuffix;
    private final ContentWriter writer;
    private final Consumer<String> warnings;

    /**
     * @param dataPath nsqd's {@code --data-path}, which must exist.
     */
    public MetadataFile(final Path dataPath)
    {
        this(dataPath, () -> ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, MetadataFile::writeFully,
            warning -> LOG.warn("{}", warning));
    }

    MetadataFile(
        final Path dataPath, final LongSupplier tempSuffix, final ContentWriter writer, final Consumer<String> warnings)
    {
        this.directory = dataPath;
        this.path = dataPath.resolve(FILE_NAME);
        this.posix = dataPath.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.tempSuffix = tempSuffix;
        this.writer = writer;
        this.warnings = warnings;
    }

    /**
     * @return where the metadata lives.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Reads the file, as at startup before any topic starts pumping.
     *
     * @return the topics and channels to recreate, with their pause state; empty when there is no file. Invalid
     * and ephemeral names are left out with a warning, repeats merged (see {@link MetadataDecoder}).
     * @throws IOException {@code failed to read metadata from <path> - ...} or, for content upstream would refuse,
     *                     {@code failed to parse metadata in <path> - ...} (upstream's wording; nsqd must not start).
     */
    public NsqdMetadata load() throws IOException
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(path);
        }
        catch (final NoSuchFileException ex)
        {
            return NsqdMetadata.EMPTY;
        }
        catch (final IOException ex)
        {
            throw new IOException("failed to read metadata from " + path + " - " + ex, ex);
        }
        try
        {
            return MetadataDecoder.decode(bytes, warnings);
        }
        catch (final IOException ex)
        {
            throw new IOException("failed to parse metadata in " + path + " - " + ex.getMessage(), ex);
        }
    }

    /**
     * Replaces the file atomically: writes {@code nsqd.dat.<random>.tmp} (mode 0600) beside it, fsyncs it, renames
     * it over {@code nsqd.dat}, then fsyncs the directory so the rename survives a crash (upstream skips this).
     *
     * @param metadata the snapshot; ephemeral topics and channels in it are left out.
     * @throws IOException naming the path. If it fails before the rename, the previous file is intact and no temp
     *                     file is left; if only the directory fsync fails, the new file is in place but may not
     *                     survive a crash.
     */
    public void save(final NsqdMetadata metadata) throws IOException
    {
        final byte[] content = MetadataEncoder.encode(metadata.withoutEphemeral());
        final Path temp = directory.resolve(FILE_NAME + "." + tempSuffix.getAsLong() + ".tmp");
        boolean created = false;
        try
        {
            try (FileChannel channel = FileChannel.open(temp, CREATE, posix ? OWNER_ONLY : NO_ATTRIBUTES))
            {
                created = true;
                writer.write(channel, ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
            created = false;
        }
        catch (final IOException ex)
        {
            if (created)
            {
                deleteAfterFailure(temp, ex);
            }
            throw new IOException("failed to persist metadata to " + path + " - " + ex, ex);
        }
        syncDirectory();
    }

    private void syncDirectory() throws IOException
    {
        // only POSIX systems can open a directory to fsync it
        if (!posix)
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new IOException(
                "persisted metadata to " + path + " but failed to sync " + directory + " - " + ex, ex);
        }
    }

    private static void deleteAfterFailure(final Path temp, final IOException failure)
    {
        try
        {
            Files.deleteIfExists(temp);
        }
        catch (final IOException ex)
        {
            failure.addSuppressed(ex);
        }
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer content) throws IOException
    {
        while (content.hasRemaining())
        {
            channel.write(content);
        }
    }
}
