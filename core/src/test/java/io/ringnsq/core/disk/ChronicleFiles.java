package io.ringnsq.core.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/** Looks inside a closed queue's roll files with a plain Chronicle tailer, to count and to damage entries. */
final class ChronicleFiles
{
    /** Where an entry's excerpt is: its file, the offset of its 4-byte excerpt header, and its length after it. */
    record Location(Path file, long offset, int length)
    {
    }

    private ChronicleFiles()
    {
    }

    /** Entries (data excerpts) in one roll file, read from a copy of it. */
    static long countEntries(final Path rollFile) throws IOException
    {
        final Path copy = Files.createTempDirectory("count");
        try
        {
            Files.copy(rollFile, copy.resolve(rollFile.getFileName()));
            long count = 0;
            try (SingleChronicleQueue queue = build(copy); ExcerptTailer tailer = queue.createTailer())
            {
                while (true)
                {
                    try (DocumentContext dc = tailer.readingDocument())
                    {
                        if (!dc.isPresent())
                        {
                            return count;
                        }
                        count++;
                    }
                }
            }
        }
        finally
        {
            deleteTree(copy);
        }
    }

    /** Every entry of a closed queue directory by its sequence. */
    static Map<Long, Location> locate(final Path dir)
    {
        final Map<Long, Location> locations = new HashMap<>();
        try (SingleChronicleQueue queue = build(dir); ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return locations;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long offset = bytes.readPosition();
                    final long sequence = bytes.readLong(offset + 1);
                    locations.put(sequence, new Location(
                        tailer.currentFile().toPath(), offset - 4, (int)bytes.readRemaining()));
                }
            }
        }
    }

    /** Overwrites bytes of a file in place. */
    static void overwrite(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }

    private static SingleChronicleQueue build(final Path dir)
    {
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollFiles.ROLL_CYCLE).timeoutMS(100).build();
    }
}
