package io.ringnsq.core.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.ringnsq.core.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskQueueTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldRoundTripEveryField() throws Exception
    {
        try (DiskQueue queue = open())
        {
            final byte[] body = {1, 2, 3, -1, 0, 127};
            final long sequence = queue.append(0x0123_4567_89ab_cdefL, 1_767_225_600_123_456_789L, 7, -42L, body);
            queue.append(-1L, Long.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, new byte[0]);

            final StoredMessage record = new StoredMessage();
            assertTrue(queue.read(record));
            assertEquals(sequence, record.sequence);
            assertEquals(0x0123_4567_89ab_cdefL, record.id);
            assertEquals(1_767_225_600_123_456_789L, record.timestamp);
            assertEquals(7, record.attempts);
            assertEquals(-42L, record.deferral);
            assertArrayEquals(body, record.body);

            assertTrue(queue.read(record));
            assertEquals(sequence + 1, record.sequence);
            assertEquals(-1L, record.id);
            assertEquals(Long.MIN_VALUE, record.timestamp);
            assertEquals(Integer.MAX_VALUE, record.attempts);
            assertEquals(Long.MAX_VALUE, record.deferral);
            assertEquals(0, record.body.length);
            assertFalse(queue.read(record));
        }
    }

    @Test
    void shouldKeepAppendOrderWithConsecutiveSequences() throws Exception
    {
        try (DiskQueue queue = open())
        {
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(i, queue.append(i, i, 0, 0, body(i, i % 300)));
            }
            final StoredMessage record = new StoredMessage();
            for (int i = 0; i < 1000; i++)
            {
                assertTrue(queue.read(record));
                assertEquals(i, record.sequence);
                assertEquals(i, record.id);
                assertArrayEquals(body(i, i % 300), record.body);
            }
            assertFalse(queue.read(record));
        }
    }

    @Test
    void shouldRoundTripBodiesOfMaxMsgSizeAcrossBlocksAndFiles() throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(3 << 20)))
        {
            for (int i = 0; i < 12; i++)
            {
                queue.append(i, 1, 1, 0, body(i, DiskQueueSettings.DEFAULT_MAX_MSG_SIZE - i));
            }
            final StoredMessage record = new StoredMessage();
            for (int i = 0; i < 12; i++)
            {
                assertTrue(queue.read(record));
                assertArrayEquals(body(i, DiskQueueSettings.DEFAULT_MAX_MSG_SIZE - i), record.body);
            }
            // three entries of just under 1 MiB + 49 bytes pass 3 MiB: two a file
            assertEquals(6, rollFiles().size());
        }
    }

    @Test
    void shouldContinueSequencesAcrossCloseAndReopen() throws Exception
    {
        try (DiskQueue queue = open())
        {
            for (int i = 0; i < 5; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 10));
            }
        }
        try (DiskQueue queue = open())
        {
            assertEquals(5, queue.unconsumed());
            assertEquals(5, queue.append(5, 0, 0, 0, body(5, 10)));
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), readAll(queue));
        }
        try (DiskQueue queue = open())
        {
            assertEquals(6, queue.append(6, 0, 0, 0, body(6, 10)));
        }
    }

    @Test
    void shouldResumeAtTheWatermarkAfterOutOfOrderConsumption() throws Exception
    {
        try (DiskQueue queue = open())
        {
            for (int i = 0; i < 10; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 20));
            }
            assertEquals(10, readAll(queue).size());
            for (final long sequence : new long[]{5, 1, 0, 2, 7, 4})
            {
                queue.consumed(sequence);
            }
            assertEquals(4, queue.unconsumed());
            queue.sync();
        }
        try (DiskQueue queue = open())
        {
            // the watermark stopped at 3: 4, 5 and 7 were consumed after it and come again (at least once)
            assertEquals(7, queue.unconsumed());
            assertEquals(7, queue.unread());
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L), readAll(queue));
        }
    }

    @Test
    void shouldMoveTheWatermarkOverEveryConsumedRun() throws Exception
    {
        try (DiskQueue queue = open())
        {
            for (int i = 0; i < 300; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 5));
            }
            readAll(queue);
            for (int i = 299; i >= 1; i--)
            {
                queue.consumed(i);
            }
            assertEquals(1, queue.unconsumed());
            queue.consumed(0);
            assertEquals(0, queue.unconsumed());
            queue.consumed(0);
            assertEquals(0, queue.unconsumed());
        }
        try (DiskQueue queue = open())
        {
            assertEquals(0, queue.unconsumed());
            assertFalse(queue.read(new StoredMessage()));
        }
    }

    @Test
    void shouldConsumeThroughASequence() throws Exception
    {
        try (DiskQueue queue = open())
        {
            for (int i = 0; i < 100; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 5));
            }
            readAll(queue);
            queue.consumed(80);
            queue.consumedThrough(49);
            assertEquals(49, queue.unconsumed());
            queue.consumedThrough(79);
            assertEquals(19, queue.unconsumed());
        }
        try (DiskQueue queue = open())
        {
            assertEquals(19, queue.unconsumed());
            assertEquals(81L, readAll(queue).get(0));
        }
    }

    @Test
    void shouldReplayConsumptionThatWasNotSyncedAfterACrash() throws Exception
    {
        final DiskQueue crashed = open();
        for (int i = 0; i < 10; i++)
        {
            crashed.append(i, 0, 0, 0, body(i, 20));
        }
        readAll(crashed);
        crashed.consumedThrough(3);
        crashed.sync();
        crashed.consumedThrough(9);
        assertEquals(0, crashed.unconsumed());
        crashed.abandon();

        try (DiskQueue queue = open())
        {
            assertEquals(6, queue.unconsumed());
            assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L), readAll(queue));
            assertEquals(10, queue.append(10, 0, 0, 0, body(10, 20)));
        }
    }

    @Test
    void shouldKeepAppendsThatSurvivedACrashWithoutSync() throws Exception
    {
        final DiskQueue crashed = open();
        crashed.append(0, 0, 0, 0, body(0, 20));
        crashed.sync();
        crashed.append(1, 0, 0, 0, body(1, 20));
        crashed.append(2, 0, 0, 0, body(2, 20));
        // a process crash: the page cache keeps what the mapping wrote, only the watermark file is behind
        crashed.abandon();

        try (DiskQueue queue = open())
        {
            assertEquals(3, queue.unconsumed());
            assertEquals(3, queue.append(3, 0, 0, 0, body(3, 20)));
            assertEquals(List.of(0L, 1L, 2L, 3L), readAll(queue));
        }
    }

    @Test
    void shouldCountUnreadUnconsumedAndDirt() throws Exception
    {
        try (DiskQueue queue = open())
        {
            assertFalse(queue.isDirty());
            queue.append(0, 0, 0, 0, body(0, 1));
            queue.append(1, 0, 0, 0, body(1, 1));
            assertTrue(queue.isDirty());
            assertEquals(2, queue.unread());
            assertEquals(2, queue.unconsumed());
            queue.sync();
            assertFalse(queue.isDirty());
            queue.read(new StoredMessage());
            assertEquals(1, queue.unread());
            assertEquals(2, queue.unconsumed());
            assertFalse(queue.isDirty());
            queue.consumed(0);
            assertTrue(queue.isDirty());
            assertEquals(1, queue.unconsumed());
            queue.sync();
            assertFalse(queue.isDirty());
        }
    }

    @Test
    void shouldRefuseToConsumeWhatWasNotRead() throws Exception
    {
        try (DiskQueue queue = open())
        {
            queue.append(0, 0, 0, 0, body(0, 1));
            assertThrows(IllegalArgumentException.class, () -> queue.consumed(0));
            assertThrows(IllegalArgumentException.class, () -> queue.consumedThrough(0));
        }
    }

    @Test
    void shouldRefuseBodiesOverMaxMsgSize() throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxMsgSize(100)))
        {
            assertThrows(IllegalArgumentException.class, () -> queue.append(0, 0, 0, 0, new byte[101]));
            assertEquals(0, queue.append(0, 0, 0, 0, new byte[100]));
        }
    }

    @Test
    void shouldRefuseAnAppendWithoutWritingWhenSpaceIsShort() throws Exception
    {
        final AtomicLong usable = new AtomicLong(0);
        final DiskQueueSettings settings = settings().diskSpace(dir -> usable::get);
        try (DiskQueue queue = DiskQueue.open(dir(), settings))
        {
            // not even room for the roll file at open: it waits for the first append
            assertEquals(List.of(), rollFiles());
            assertThrows(DiskFullException.class, () -> queue.append(0, 0, 0, 0, body(0, 100)));
            assertEquals(List.of(), rollFiles());

            usable.set(SpaceGuard.RESERVE_BYTES + 10_000);
            assertEquals(0, queue.append(0, 0, 0, 0, body(0, 100)));
            usable.set(SpaceGuard.RESERVE_BYTES + 100);
            for (int i = 1; i < 200; i++)
            {
                // the first check granted the 10,000 bytes there were: 67 entries of 149 bytes
                try
                {
                    assertEquals(i, queue.append(i, 0, 0, 0, body(i, 100)));
                }
                catch (final DiskFullException ex)
                {
                    assertEquals(67, i);
                    break;
                }
            }
            usable.set(1L << 40);
            assertEquals(67, queue.append(67, 0, 0, 0, body(67, 100)));
            assertEquals(68, readAll(queue).size());
        }
    }

    @Test
    void shouldCheckUsableSpaceOncePerMegabyteNotPerEntry() throws Exception
    {
        final AtomicLong checks = new AtomicLong();
        final DiskQueueSettings settings = settings().diskSpace(dir -> () ->
        {
            checks.incrementAndGet();
            return 1L << 40;
        });
        try (DiskQueue queue = DiskQueue.open(dir(), settings))
        {
            final byte[] body = new byte[200];
            for (int i = 0; i < 40_000; i++)
            {
                queue.append(i, 0, 0, 0, body);
            }
        }
        // 40,000 entries of 249 bytes: 9.5 MiB; stretches of 64 KiB doubling to 1 MiB, and a check for the roll file
        assertTrue(checks.get() <= 16, "usable space read " + checks.get() + " times");
    }

    @Test
    void shouldRollFilesBySizeAndDeleteThemOnceConsumed() throws Exception
    {
        // 1,000-byte bodies take 1,049 bytes each: 62 fit in 64 KiB, so 500 entries fill 9 files
        final DiskQueueSettings settings = settings().maxBytesPerFile(64 << 10);
        try (DiskQueue queue = DiskQueue.open(dir(), settings))
        {
            for (int i = 0; i < 500; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 1000));
            }
            assertEquals(9, rollFiles().size());
            assertEquals(List.of(62L, 62L, 62L, 62L, 62L, 62L, 62L, 62L, 4L), entriesPerFile());

            final StoredMessage record = new StoredMessage();
            for (int i = 0; i < 200; i++)
            {
                assertTrue(queue.read(record));
            }
            queue.consumedThrough(199);
            queue.sync();
            // files 0-2 hold entries 0-185, all consumed; file 3 still holds 186-247
            assertEquals(6, rollFiles().size());

            readAll(queue);
            queue.consumedThrough(499);
            queue.sync();
            // the file being written stays
            assertEquals(1, rollFiles().size());
            assertEquals(0, queue.unconsumed());
        }
        try (DiskQueue queue = DiskQueue.open(dir(), settings))
        {
            assertFalse(queue.read(new StoredMessage()));
            queue.sync();
            assertEquals(1, rollFiles().size(), "only the new write file: " + rollFiles());
            assertEquals(500, queue.append(500, 0, 0, 0, body(500, 1000)));
        }
    }

    @Test
    void shouldReadEntriesAppendedWhileTheReaderWaitsAcrossRolls() throws Exception
    {
        // 4 entries a file: the reader is often at the end of a file when the appender rolls on
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(4 * 149)))
        {
            final StoredMessage record = new StoredMessage();
            long appended = 0;
            long read = 0;
            for (int round = 0; round < 300; round++)
            {
                for (int i = 0; i < round % 7; i++)
                {
                    queue.append(appended, 0, 0, 0, body(appended, 100));
                    appended++;
                }
                while (queue.read(record))
                {
                    assertEquals(read, record.sequence);
                    assertArrayEquals(body(read, 100), record.body);
                    queue.consumed(read);
                    read++;
                }
                assertEquals(appended, read);
                if (round % 10 == 0)
                {
                    queue.sync();
                    assertTrue(rollFiles().size() <= 2, "consumed files are deleted: " + rollFiles());
                }
            }
            assertEquals(0, queue.unconsumed());
        }
    }

    @Test
    void shouldKeepEachRollFilesPayloadWithinMaxBytesPerFile() throws Exception
    {
        final long maxBytes = 10_000;
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(maxBytes)))
        {
            final List<Integer> sizes = List.of(900, 4000, 17, 5000, 3000, 9951, 10, 20_000, 1);
            for (int i = 0; i < sizes.size(); i++)
            {
                queue.append(i, 0, 0, 0, body(i, sizes.get(i)));
            }
            // 949+4049+66 | 5049+3049 | 10000 (exactly full) | 59 | 20049 (alone: one entry is always taken) | 50
            assertEquals(List.of(3L, 2L, 1L, 1L, 1L, 1L), entriesPerFile());
        }
    }

    @Test
    void shouldStartAFreshRollFileEveryOpenAndDropItWhenLeftEmpty() throws Exception
    {
        try (DiskQueue queue = open())
        {
            queue.append(0, 0, 0, 0, body(0, 1));
            assertEquals(0, queue.writeCycle());
            assertEquals(List.of(RollFiles.name(0)), rollFiles());
        }
        for (int i = 1; i <= 3; i++)
        {
            try (DiskQueue queue = open())
            {
                assertEquals(i, queue.writeCycle());
                assertEquals(List.of(RollFiles.name(0), RollFiles.name(i)), rollFiles());
            }
            assertEquals(List.of(RollFiles.name(0)), rollFiles());
        }
        try (DiskQueue queue = open())
        {
            assertEquals(List.of(0L), readAll(queue));
            queue.append(1, 0, 0, 0, body(1, 1));
        }
        assertEquals(List.of(RollFiles.name(0), RollFiles.name(4)), rollFiles());
    }

    @Test
    void shouldEmptyAndKeepSequencesIncreasing() throws Exception
    {
        try (DiskQueue queue = DiskQueue.open(dir(), settings().maxBytesPerFile(4096)))
        {
            for (int i = 0; i < 50; i++)
            {
                queue.append(i, 0, 0, 0, body(i, 500));
            }
            readAll(queue).subList(0, 3);
            queue.consumed(1);
            assertTrue(rollFiles().size() > 5);

            queue.empty();
            assertEquals(0, queue.unconsumed());
            assertEquals(0, queue.unread());
            assertFalse(queue.read(new StoredMessage()));
            assertEquals(1, rollFiles().size());
            assertEquals(50, queue.append(50, 0, 0, 0, body(50, 500)));
            assertEquals(List.of(50L), readAll(queue));
        }
        try (DiskQueue queue = open())
        {
            assertEquals(1, queue.unconsumed());
            assertEquals(List.of(50L), readAll(queue));
            assertEquals(51, queue.append(51, 0, 0, 0, body(51, 500)));
        }
    }

    @Test
    void shouldStayEmptyAfterACrashThatFollowsEmpty() throws Exception
    {
        final DiskQueue crashed = open();
        for (int i = 0; i < 20; i++)
        {
            crashed.append(i, 0, 0, 0, body(i, 100));
        }
        crashed.sync();
        crashed.empty();
        crashed.abandon();
        try (DiskQueue queue = open())
        {
            assertEquals(0, queue.unconsumed());
            assertFalse(queue.read(new StoredMessage()));
            assertEquals(20, queue.append(20, 0, 0, 0, body(20, 100)));
        }
    }

    @Test
    void shouldRefuseToOpenAQueueThatIsOpenAlready() throws Exception
    {
        try (DiskQueue queue = open())
        {
            queue.append(0, 0, 0, 0, body(0, 1));
            final DiskQueueException ex = assertThrows(DiskQueueException.class, this::open);
            assertTrue(ex.getMessage().contains("already open"), ex.getMessage());
            assertEquals(1, queue.append(1, 0, 0, 0, body(1, 1)));
        }
        try (DiskQueue queue = open())
        {
            assertEquals(2, queue.unconsumed());
        }
    }

    @Test
    void shouldRemoveItsDirectoryOnDelete() throws Exception
    {
        final DiskQueue queue = open();
        queue.append(0, 0, 0, 0, body(0, 100));
        queue.sync();
        queue.delete();
        assertFalse(Files.exists(dir()));
        assertThrows(IllegalStateException.class, () -> queue.append(1, 0, 0, 0, body(1, 1)));
        queue.close();
    }

    @Test
    void shouldSizeChronicleBlocksForTheLargestEntryAndTheFileSize()
    {
        // 4 entries of 1 MiB + 49 bytes, rounded up to 64 KiB
        assertEquals(4_259_840, DiskQueue.blockSize(DiskQueueSettings.DEFAULT_MAX_BYTES_PER_FILE, 1 << 20));
        assertEquals(256 << 10, DiskQueue.blockSize(1024, 1024));
        assertEquals(1 << 20, DiskQueue.blockSize(16 << 20, 1024));
        assertEquals(4 << 20, DiskQueue.blockSize(1L << 40, 1024));
        assertEquals(40 << 20, DiskQueue.blockSize(1L << 40, (10 << 20) - 49));
    }

    @Test
    void shouldKeepAnIdleQueueSmallOnDisk() throws Exception
    {
        try (DiskQueue queue = open())
        {
            queue.append(0, 0, 0, 0, body(0, 200));
            queue.sync();
        }
        for (final Path file : listing())
        {
            assertTrue(Files.size(file) <= 5_324_800, file + " is " + Files.size(file) + " bytes");
        }
    }

    static byte[] body(final long seed, final int length)
    {
        final byte[] body = new byte[length];
        for (int i = 0; i < length; i++)
        {
            body[i] = (byte)(seed * 31 + i);
        }
        return body;
    }

    static List<Long> readAll(final DiskQueue queue) throws DiskQueueException
    {
        final List<Long> sequences = new ArrayList<>();
        final StoredMessage record = new StoredMessage();
        while (queue.read(record))
        {
            sequences.add(record.sequence);
        }
        return sequences;
    }

    static DiskQueueSettings settings()
    {
        return new DiskQueueSettings().recoveryTimeoutMs(100);
    }

    private DiskQueue open() throws DiskQueueException
    {
        return DiskQueue.open(dir(), settings());
    }

    private Path dir()
    {
        return tmp.resolve("t.queue");
    }

    private List<Path> listing() throws IOException
    {
        try (Stream<Path> files = Files.list(dir()))
        {
            return files.sorted().toList();
        }
    }

    private List<String> rollFiles() throws IOException
    {
        return listing().stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(RollFiles.SUFFIX))
            .toList();
    }

    /** Opens every roll file on its own and counts its entries. */
    private List<Long> entriesPerFile() throws Exception
    {
        final List<Long> counts = new ArrayList<>();
        for (final String name : rollFiles())
        {
            counts.add(ChronicleFiles.countEntries(dir().resolve(name)));
        }
        return counts;
    }
}
