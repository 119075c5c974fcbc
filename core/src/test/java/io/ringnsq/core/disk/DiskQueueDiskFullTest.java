package io.ringnsq.core.disk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ringnsq.core.store.StoredMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ringnsq.core.disk.DiskQueueTest.body;
import static io.ringnsq.core.disk.DiskQueueTest.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real full filesystem: a 16 MiB tmpfs filled by a plain file. Writing into a sparse mapped page there would be
 * SIGBUS; the space guard must refuse the append instead.
 */
class DiskQueueDiskFullTest
{
    private static final int BODY = 1000;

    @TempDir
    Path tmp;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        mount = tmp.resolve("small");
        Files.createDirectories(mount);
        Mounts.assumeMounted(Mounts.run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()),
            "cannot mount a 16 MiB tmpfs on " + mount);
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception
    {
        if (mounted && Mounts.run("umount", mount.toString()) != 0)
        {
            Mounts.run("umount", "-l", mount.toString());
        }
    }

    @Test
    void shouldRefuseAppendsWhileTheFilesystemIsFullAndAcceptThemAgainAfter() throws Exception
    {
        final Path dir = mount.resolve("t.queue");
        final DiskQueueSettings settings = settings().maxBytesPerFile(1 << 20).maxMsgSize(64 << 10);
        long appended = 0;
        try (DiskQueue queue = DiskQueue.open(dir, settings))
        {
            for (; appended < 3000; appended++)
            {
                queue.append(appended, appended, 1, 0, body(appended, BODY));
            }
            queue.sync();

            final Path filler = mount.resolve("filler");
            fill(filler);
            DiskFullException full = null;
            // entries already allocated ahead may still go in; then the guard must refuse, not fault
            for (int i = 0; i < 10_000 && full == null; i++)
            {
                try
                {
                    assertEquals(appended, queue.append(appended, appended, 1, 0, body(appended, BODY)));
                    appended++;
                }
                catch (final DiskFullException ex)
                {
                    full = ex;
                }
            }
            assertNotNull(full, "no DiskFullException on a full filesystem");
            assertTrue(full.getMessage().contains(dir.toString()), full.getMessage());
            final long before = appended;
            assertThrows(DiskFullException.class, () -> queue.append(before, 0, 1, 0, body(before, BODY)));

            // still readable, and syncable, while full
            assertEquals(appended, readChecked(queue, 0));
            queue.consumedThrough(99);
            queue.sync();

            Files.delete(filler);
            assertEquals(appended, queue.append(appended, appended, 1, 0, body(appended, BODY)));
            appended++;
            assertEquals(appended, readChecked(queue, appended - 1));
        }
        try (DiskQueue queue = DiskQueue.open(dir, settings))
        {
            assertEquals(appended - 100, queue.unconsumed());
            assertEquals(appended, readChecked(queue, 100));
        }
    }

    @Test
    void shouldOpenAndReadAQueueOnAFullFilesystem() throws Exception
    {
        final Path dir = mount.resolve("t.queue");
        final DiskQueueSettings settings = settings().maxBytesPerFile(1 << 20).maxMsgSize(64 << 10);
        try (DiskQueue queue = DiskQueue.open(dir, settings))
        {
            for (int i = 0; i < 2000; i++)
            {
                queue.append(i, i, 1, 0, body(i, BODY));
            }
        }
        final Path filler = mount.resolve("filler");
        fill(filler);
        try (DiskQueue queue = DiskQueue.open(dir, settings))
        {
            assertThrows(DiskFullException.class, () -> queue.append(2000, 0, 1, 0, body(2000, BODY)));
            assertEquals(2000, readChecked(queue, 0));
            Files.delete(filler);
            assertEquals(2000, queue.append(2000, 2000, 1, 0, body(2000, BODY)));
            assertEquals(2001, readChecked(queue, 2000));
        }
    }

    /** Reads to the end checking each entry; returns the sequence after the last. */
    private static long readChecked(final DiskQueue queue, final long first) throws DiskQueueException
    {
        final StoredMessage record = new StoredMessage();
        long expected = first;
        while (queue.read(record))
        {
            assertEquals(expected, record.sequence);
            assertEquals(expected, record.id);
            assertArrayEquals(body(expected, BODY), record.body);
            expected++;
        }
        assertFalse(queue.read(record));
        return expected;
    }

    /** Writes zeros into {@code filler} until the filesystem has no byte left. */
    private static void fill(final Path filler) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(filler))
        {
            for (int chunk = 1 << 20; chunk >= 512; chunk /= 2)
            {
                final byte[] zeros = new byte[chunk];
                try
                {
                    while (true)
                    {
                        out.write(zeros);
                        out.flush();
                    }
                }
                catch (final IOException full)
                {
                    // next, smaller chunks fill what is left
                }
            }
        }
        catch (final IOException ignore)
        {
            // closing a stream whose last write failed
        }
        assertTrue(Files.getFileStore(filler).getUsableSpace() < 4096, "the filesystem is not full");
    }
}
