package io.ringnsq.core.disk;

import java.text.ParseException;

import io.ringnsq.core.store.StoredMessage;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads entries through a Chronicle tailer and steps over damage instead of stopping at it.
 *
 * <p>Chronicle follows a file from excerpt header to excerpt header. A record whose own framing is right but whose
 * CRC or size is wrong is skipped alone. A broken header (zeros, garbage, a torn write) breaks the chain: the
 * reader then resumes at the next entry Chronicle's index records a position for (every {@code indexSpacing}-th
 * entry), or failing that at the next roll file. A stop inside a roll file older than the one being written is
 * damage too, once a later file exists: every older file ends with an end-of-file marker, written when the queue
 * rolled on or, for files of an earlier run, when the queue opened.
 */
final class EntryReader implements AutoCloseable
{
    /** Told about each damaged stretch the reader steps over. */
    interface DamageListener
    {
        /**
         * @param cycle   the roll file's cycle.
         * @param entry   the first damaged entry's number within the file.
         * @param reason  what is wrong.
         * @param skipped what was stepped over.
         */
        void onDamage(int cycle, long entry, String reason, String skipped);
    }

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final RecordCodec codec;
    private final RollCycle rollCycle;
    private final long spacing;
    private int writeCycle = Integer.MAX_VALUE;
    private long lastIndex = -1;

    EntryReader(final SingleChronicleQueue queue, final RecordCodec codec)
    {
        this.queue = queue;
        this.codec = codec;
        this.rollCycle = queue.rollCycle();
        this.spacing = queue.indexSpacing();
        this.tailer = queue.createTailer();
        // the disk agent owns the queue; open() may run on another thread first
        tailer.singleThreadedCheckDisabled(true);
    }

    /** The cycle being appended to: files before it are complete. */
    void writeCycle(final int writeCycle)
    {
        this.writeCycle = writeCycle;
    }

    void toStart()
    {
        tailer.toStart();
    }

    /** Moves to a Chronicle index; false when it is not there. */
    boolean moveTo(final long index)
    {
        try
        {
            return tailer.moveToIndex(index);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    /** The cycle the tailer is in: every entry of earlier cycles has been read. */
    int cycle()
    {
        return tailer.cycle();
    }

    /** The Chronicle index of the entry {@link #next} returned last. */
    long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Reads the next good entry into {@code into}, its body only when asked.
     *
     * @return false when there is none now.
     */
    boolean next(final StoredMessage into, final boolean withBody, final DamageListener damage)
    {
        while (true)
        {
            long at;
            String reason;
            boolean resync;
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    if (tailer.cycle() >= writeCycle || nextCycle(tailer.cycle()) < 0)
                    {
                        return false;
                    }
                    at = tailer.index();
                    reason = "unreadable excerpt header (zeroed, torn or garbage)";
                    resync = true;
                }
                else
                {
                    at = dc.index();
                    final long length = dc.wire().bytes().readRemaining();
                    final int result = codec.read(dc.wire().bytes(), into, withBody);
                    if (result == RecordCodec.OK)
                    {
                        lastIndex = at;
                        return true;
                    }
                    reason = codec.describe(result, length);
                    // a wrong CRC or size inside right framing spoils one entry; wrong framing spoils the chain
                    resync = result == RecordCodec.BAD_VERSION || result == RecordCodec.BAD_LENGTH;
                }
            }
            catch (final RuntimeException ex)
            {
                at = tailer.index();
                reason = "Chronicle cannot read it (" + ex + ")";
                resync = true;
            }
            final int cycle = rollCycle.toCycle(at);
            final long entry = rollCycle.toSequenceNumber(at);
            if (!resync)
            {
                damage.onDamage(cycle, entry, reason, "that entry");
                continue;
            }
            if (!resync(cycle, entry, reason, damage))
            {
                return false;
            }
        }
    }

    @Override
    public void close()
    {
        tailer.close();
    }

    /** Moves past a broken stretch starting at {@code entry}; false when nothing readable follows yet. */
    private boolean resync(final int cycle, final long entry, final String reason, final DamageListener damage)
    {
        final long boundary = (entry / spacing + 1) * spacing;
        if (boundary < rollCycle.maxMessagesPerCycle() && moveTo(rollCycle.toIndex(cycle, boundary)))
        {
            damage.onDamage(cycle, entry, reason, "entries " + entry + ".." + (boundary - 1) + " of the file");
            return true;
        }
        int next = nextCycle(cycle);
        if (next < 0)
        {
            // no later file yet (the disk was full when the queue opened): come back to this entry, and report it
            // once there is somewhere to go
            moveTo(rollCycle.toIndex(cycle, entry));
            return false;
        }
        damage.onDamage(cycle, entry, reason, "the rest of the file from entry " + entry);
        for (; next >= 0; next = nextCycle(next))
        {
            try
            {
                if (tailer.moveToCycle(next))
                {
                    return true;
                }
            }
            catch (final RuntimeException ex)
            {
                damage.onDamage(next, 0, "Chronicle cannot open the file (" + ex + ")", "the whole file");
            }
        }
        return false;
    }

    private int nextCycle(final int cycle)
    {
        if (cycle == Integer.MIN_VALUE)
        {
            // the tailer has no file yet: the queue has none
            return -1;
        }
        try
        {
            final int next = queue.nextCycle(cycle, TailerDirection.FORWARD);
            return next > cycle ? next : -1;
        }
        catch (final ParseException | RuntimeException ex)
        {
            return -1;
        }
    }
}
