package io.ringnsq.core.disk;

import java.util.Arrays;

/**
 * Maps the sequences read in this session back to Chronicle indexes, so the watermark can be stored with the
 * index to resume at. Within a roll file consecutive entries have consecutive indexes, so a run (first sequence,
 * first index, last sequence) covers a whole file; a new run starts at each roll file and after each damaged stretch. Runs wholly
 * before the watermark are dropped, so this holds a few runs, 24 bytes each.
 */
final class IndexRuns
{
    private long[] sequences = new long[8];
    private long[] indexes = new long[8];
    private long[] lasts = new long[8];
    private int head;
    private int tail;
    private long lastSequence = -1;
    private long lastIndex = -1;

    void clear()
    {
        head = 0;
        tail = 0;
        lastSequence = -1;
        lastIndex = -1;
    }

    /** The newest entry read: its sequence and Chronicle index. */
    void add(final long sequence, final long index)
    {
        if (tail == head || sequence != lastSequence + 1 || index != lastIndex + 1)
        {
            if (tail == sequences.length)
            {
                compactOrGrow();
            }
            sequences[tail] = sequence;
            indexes[tail] = index;
            tail++;
        }
        lasts[tail - 1] = sequence;
        lastSequence = sequence;
        lastIndex = index;
    }

    /** The index of the newest entry read, or -1 when none was read. */
    long lastIndex()
    {
        return lastIndex;
    }

    /**
     * The index of a read entry, dropping the runs before it: callers ask for the watermark, which only moves on.
     *
     * @return the index, or -1 when the entry was not read in this session.
     */
    long indexOf(final long sequence)
    {
        while (tail - head > 1 && sequences[head + 1] <= sequence)
        {
            head++;
        }
        if (tail == head || sequence < sequences[head] || sequence > lasts[head])
        {
            return -1;
        }
        return indexes[head] + (sequence - sequences[head]);
    }

    private void compactOrGrow()
    {
        if (head > 0)
        {
            System.arraycopy(sequences, head, sequences, 0, tail - head);
            System.arraycopy(indexes, head, indexes, 0, tail - head);
            System.arraycopy(lasts, head, lasts, 0, tail - head);
            tail -= head;
            head = 0;
        }
        else
        {
            sequences = Arrays.copyOf(sequences, sequences.length * 2);
            indexes = Arrays.copyOf(indexes, indexes.length * 2);
            lasts = Arrays.copyOf(lasts, lasts.length * 2);
        }
    }
}
