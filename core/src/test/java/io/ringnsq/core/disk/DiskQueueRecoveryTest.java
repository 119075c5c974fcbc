package io.ringnsq.core.disk;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import io.ringnsq.core.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringnsq.core.disk.DiskQueueTest.body;
import static io.ringnsq.core.disk.DiskQueueTest.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged, torn and lost files: open never fails for them, and every entry Chronicle can still find is read. */
class DiskQueueRecoveryTest
{
    private static final long ID_BASE = 0x5EED_0000_0000_0000L;

    @TempDir
    Path tmp;

    @Test
    void shouldReadEveryEntryBeforeAFileCutMidEntry() throws Exception
    {
        final Map<Long, ChronicleFiles.Location> at = write(20, 100);
        final ChronicleFiles.Location cut = at.get(15L);
        try (RandomAccessFile raf = new RandomAccessFile(cut.file().toFile(), "rw"))
        {
            raf.setLength(cut.offset() + 30);
        }
        try (DiskQueue queue = open())
        {
            assertEquals(range(0, 15), readChecked(queue));
            assertEquals(20, queue.append(ID_BASE + 20, 0, 0, 0, body(20, 100)));
            assertEquals(List.of(20L), readChecked(queue));
            assertEquals(5, queue.lostEntries());
            assertTrue(queue.damagedStretches() >= 1);
        }
    }

    @Test
    void shouldReadEveryEntryBeforeAZeroFilledTail() throws Exception
    {
        final Map<Long, ChronicleFiles.Location> at = write(20, 100);
        final ChronicleFiles.Location first = at.get(15L);
        final ChronicleFiles.Location last = at.get(19L);
        ChronicleFiles.overwrite(first.file(), first.offset(),
            new byte[(int)(last.offset() + 4 + last.length() - first.offset())]);
        try (DiskQueue queue = open())
        {
            assertEquals(range(0, 15), readChecked(queue));
            assertEquals(range(0, 0), readChecked(queue));
            queue.append(ID_BASE + 20, 0, 0, 0, body(20, 100));
            assertEquals(List.of(20L), readChecked(queue));
            assertEquals(5, queue.lostEntries());
            assertEquals(1, queue.damagedStretches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeros", "ones", "metadata-like", "plausible-length", "huge-length", "random"})
    void shouldSkipGarbageInTheMiddleAndResumeAtTheNextIndexedEntry(final String kind) throws Exception
    {
        final Map<Long, ChronicleFiles.Location> at = write(200, 100);
        final ChronicleFiles.Location from = at.get(5L);
        final byte[] garbage = garbage(kind, (int)(at.get(7L).offset() - from.offset()));
        ChronicleFiles.overwrite(from.file(), from.offset(), garbage);
        try (DiskQueue queue = open())
        {
            // Chronicle indexes every 64th entry: reading resumes at entry 64
            final List<Long> expected = new ArrayList<>(range(0, 5));
            expected.addAll(range(64, 200));
            assertEquals(expected, readChecked(queue));
            assertEquals(59, queue.lostEntries());
            assertEquals(200, queue.append(ID_BASE + 200, 0, 0, 0, body(200, 100)));
            assertEquals(List.of(200L), readChecked(queue));
        }
    }

    @Test
    void shouldSkipOnlyTheEntryWhoseCrcDoesNotMatch() throws Exception
    {
        final Map<Long, ChronicleFiles.Location> at = write(20, 100);
        final ChronicleFiles.Location seven = at.get(7L);
        ChronicleFiles.overwrite(seven.file(), seven.offset() + 4 + 41 + 50, new byte[]{(byte)0xEE});
        try (DiskQueue queue = open())
        {
            final List<Long> expected = new ArrayList<>(range(0, 20));
            expected.remove(7L);
            assertEquals(expected, readChecked(queue));
            assertEquals(1, queue.lostEntries());
            assertEquals(1, queue.damagedStretches());
        }
    }

    @Test
    void shouldTreatABodyOverMaxMsgSizeAsDamage() throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings()))
        {
            for (int i = 0; i < 10; i++)
            {
                queue.append(ID_BASE + i, 0, 0, 0, body(i, i % 2 == 0 ? 100 : 2000));
            }
        }
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxMsgSize(1000)))
        {
            final List<Long> read = new ArrayList<>();
            final StoredMessage record = new StoredMessage();
            while (queue.read(record))
            {
                read.add(record.sequence);
                assertArrayEquals(body(record.sequence, 100), record.body);
            }
            assertEquals(List.of(0L, 2L, 4L, 6L, 8L), read);
            // the last one has no good entry after it to show it missing
            assertEquals(4, queue.lostEntries());
            assertEquals(5, queue.damagedStretches());
        }
    }

    @Test
    void shouldRecoverFromAHeaderACrashLeftIncomplete() throws Exception
    {
        final DiskQueue crashed = DiskQueue.open(dir(), settings());
        for (int i = 0; i < 19; i++)
        {
            crashed.append(ID_BASE + i, 0, 0, 0, body(i, 100));
        }
        crashed.sync();
        crashed.append(ID_BASE + 19, 0, 0, 0, body(19, 100));
        crashed.abandon();
        // a writer killed inside an excerpt leaves its header marked not complete
        final ChronicleFiles.Location torn = ChronicleFiles.locate(dir()).get(19L);
        ChronicleFiles.overwrite(torn.file(), torn.offset(), littleEndian(0x8000_0000 | torn.length()));

        final long started = System.nanoTime();
        try (DiskQueue queue = open())
        {
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "open waited on the torn header too long");
            assertEquals(range(0, 19), readChecked(queue));
            // 19 was never synced, so its sequence is given again
            assertEquals(19, queue.append(ID_BASE + 19, 0, 0, 0, body(19, 100)));
            assertEquals(List.of(19L), readChecked(queue));
            assertEquals(0, queue.lostEntries());
        }
    }

    @ParameterizedTest
    @CsvSource({"empty,1", "zeros,1", "garbage-header,1", "cut-in-header,1", "cut-in-header,2", "zeros,2"})
    void shouldSetAsideARollFileWhoseChronicleHeaderIsGone(final String kind, final int damagedFile) throws Exception
    {
        // three files of 30 entries each
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(30 * 149)))
        {
            for (int i = 0; i < 90; i++)
            {
                queue.append(ID_BASE + i, 0, 0, 0, body(i, 100));
            }
        }
        final Path damaged = dir().resolve(RollFiles.name(damagedFile));
        switch (kind)
        {
            case "empty":
                Files.write(damaged, new byte[0]);
                break;
            case "zeros":
                Files.write(damaged, new byte[(int)Files.size(damaged)]);
                break;
            case "garbage-header":
                final byte[] junk = new byte[4096];
                new Random(3).nextBytes(junk);
                ChronicleFiles.overwrite(damaged, 0, junk);
                break;
            default:
                try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw"))
                {
                    raf.setLength(100);
                }
                break;
        }
        try (DiskQueue queue = open())
        {
            assertTrue(Files.exists(dir().resolve(damaged.getFileName() + ".bad")));
            final List<Long> expected = new ArrayList<>(range(0, damagedFile * 30));
            expected.addAll(range(damagedFile * 30 + 30, 90));
            assertEquals(expected, readChecked(queue));
            assertEquals(90, queue.append(ID_BASE + 90, 0, 0, 0, body(90, 100)));
            assertEquals(List.of(90L), readChecked(queue));
            assertEquals(30, queue.lostEntries());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "empty", "zeros", "garbage", "cut"})
    void shouldRebuildChroniclesMetadataFileWhenItIsDamaged(final String kind) throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(30 * 149)))
        {
            for (int i = 0; i < 90; i++)
            {
                queue.append(ID_BASE + i, 0, 0, 0, body(i, 100));
            }
            final StoredMessage record = new StoredMessage();
            for (int i = 0; i < 10; i++)
            {
                queue.read(record);
            }
            queue.consumedThrough(9);
        }
        final Path metadata = dir().resolve("metadata.cq4t");
        switch (kind)
        {
            case "missing":
                Files.delete(metadata);
                break;
            case "empty":
                Files.write(metadata, new byte[0]);
                break;
            case "zeros":
                Files.write(metadata, new byte[(int)Files.size(metadata)]);
                break;
            case "garbage":
                final byte[] junk = new byte[4096];
                new Random(5).nextBytes(junk);
                ChronicleFiles.overwrite(metadata, 0, junk);
                break;
            default:
                try (RandomAccessFile raf = new RandomAccessFile(metadata.toFile(), "rw"))
                {
                    raf.setLength(50);
                }
                break;
        }
        try (DiskQueue queue = open())
        {
            assertEquals(range(10, 90), readChecked(queue));
            assertEquals(90, queue.append(ID_BASE + 90, 0, 0, 0, body(90, 100)));
            assertEquals(List.of(90L), readChecked(queue));
        }
    }

    @Test
    void shouldReadFromTheFirstEntryOnDiskWhenTheWatermarkFileIsMissing() throws Exception
    {
        writeAndConsume(10, 5);
        Files.delete(dir().resolve(PositionFile.NAME));
        try (DiskQueue queue = open())
        {
            assertEquals(10, queue.unconsumed());
            assertEquals(range(0, 10), readChecked(queue));
            assertEquals(10, queue.append(ID_BASE + 10, 0, 0, 0, body(10, 100)));
        }
    }

    @Test
    void shouldReadFromTheFirstEntryOnDiskWhenTheWatermarkFileIsCorrupt() throws Exception
    {
        writeAndConsume(10, 5);
        final byte[] junk = new byte[8192];
        new Random(7).nextBytes(junk);
        Files.write(dir().resolve(PositionFile.NAME), junk);
        try (DiskQueue queue = open())
        {
            assertEquals(range(0, 10), readChecked(queue));
            assertEquals(10, queue.append(ID_BASE + 10, 0, 0, 0, body(10, 100)));
        }
    }

    @Test
    void shouldReportAFileInTheWayOfTheDirectory() throws Exception
    {
        Files.writeString(dir(), "not a directory");
        final DiskQueueException ex = assertThrows(DiskQueueException.class, this::open);
        assertTrue(ex.getMessage().contains(dir().toString()), ex.getMessage());
    }

    @Test
    void shouldReportADirectoryThatIsNotWritable() throws Exception
    {
        Files.createDirectories(dir());
        final ReadOnlyBind readOnly = ReadOnlyBind.of(dir());
        try
        {
            final DiskQueueException ex = assertThrows(DiskQueueException.class, this::open);
            assertTrue(ex.getMessage().contains(dir().toString()), ex.getMessage());
        }
        finally
        {
            readOnly.close();
        }
    }

    private Map<Long, ChronicleFiles.Location> write(final int count, final int bodyLength) throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings()))
        {
            for (int i = 0; i < count; i++)
            {
                queue.append(ID_BASE + i, i, 1, 0, body(i, bodyLength));
            }
        }
        return ChronicleFiles.locate(dir());
    }

    private void writeAndConsume(final int count, final int consumed) throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings()))
        {
            for (int i = 0; i < count; i++)
            {
                queue.append(ID_BASE + i, i, 1, 0, body(i, 100));
            }
            final StoredMessage record = new StoredMessage();
            for (int i = 0; i < consumed; i++)
            {
                queue.read(record);
            }
            queue.consumedThrough(consumed - 1);
        }
    }

    /** Reads what is there, checking each entry is the one appended with its sequence. */
    private static List<Long> readChecked(final DiskQueue queue) throws DiskQueueException
    {
        final List<Long> sequences = new ArrayList<>();
        final StoredMessage record = new StoredMessage();
        while (queue.read(record))
        {
            assertEquals(ID_BASE + record.sequence, record.id);
            assertArrayEquals(body(record.sequence, record.body.length), record.body);
            sequences.add(record.sequence);
        }
        return sequences;
    }

    private static List<Long> range(final long from, final long to)
    {
        return LongStream.range(from, to).boxed().toList();
    }

    private static byte[] garbage(final String kind, final int length)
    {
        final byte[] bytes = new byte[length];
        switch (kind)
        {
            case "ones":
                Arrays.fill(bytes, (byte)0xFF);
                break;
            case "metadata-like":
                Arrays.fill(bytes, (byte)0x5A);
                break;
            case "plausible-length":
                System.arraycopy(littleEndian(60), 0, bytes, 0, 4);
                Arrays.fill(bytes, 4, length, (byte)0x11);
                break;
            case "huge-length":
                System.arraycopy(littleEndian(0x3FFF_FFF0), 0, bytes, 0, 4);
                break;
            case "random":
                new Random(42).nextBytes(bytes);
                break;
            default:
                break;
        }
        return bytes;
    }

    private static byte[] littleEndian(final int value)
    {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private DiskQueue open() throws DiskQueueException
    {
        return DiskQueue.open(dir(), settings());
    }

    private Path dir()
    {
        return tmp.resolve("t.queue");
    }

    /** A read-only bind mount over a directory (root only: chmod does not stop root). */
    private static final class ReadOnlyBind
    {
        private final Path dir;

        private ReadOnlyBind(final Path dir)
        {
            this.dir = dir;
        }

        static ReadOnlyBind of(final Path dir) throws InterruptedException
        {
            Mounts.assumeMounted(Mounts.run("mount", "--bind", dir.toString(), dir.toString()),
                "cannot bind-mount " + dir);
            final ReadOnlyBind bind = new ReadOnlyBind(dir);
            if (Mounts.run("mount", "-o", "remount,ro,bind", dir.toString()) != 0)
            {
                bind.close();
                Mounts.assumeMounted(1, "cannot remount " + dir + " read-only");
            }
            return bind;
        }

        void close() throws InterruptedException
        {
            Mounts.run("umount", dir.toString());
        }
    }
}
