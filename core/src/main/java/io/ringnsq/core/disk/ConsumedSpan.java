package io.ringnsq.core.disk;

import java.util.Arrays;

/**
 * Which entries are consumed between the watermark (the first entry not consumed) and the newest entry read:
 * one bit per entry in a ring of 64-bit words that doubles when the span outgrows it.
 *
 * <p>Memory: the span's length in bits, rounded up to a power of two of words, so at most 2 bits an entry. One old
 * entry left unconsumed while ten million are read after it costs 2 MiB; the ring shrinks back once the span
 * drains.
 *
 * <p>Invariant: outside the span every word is zero, except that the watermark's own word may keep bits below the
 * watermark (passed, no longer counted); a word is cleared whole when the watermark leaves it.
 */
final class ConsumedSpan
{
    private static final int INITIAL_WORDS = 16;
    // a ring this big is given back when the span drains
    private static final int SHRINK_WORDS = 1024;

    private long[] words = new long[INITIAL_WORDS];
    private long start;
    private long end;
    private long consumed;

    /** Nothing read, nothing consumed: the watermark is {@code sequence}. */
    void reset(final long sequence)
    {
        start = sequence;
        end = sequence;
        consumed = 0;
        if (words.length == INITIAL_WORDS)
        {
            Arrays.fill(words, 0);
        }
        else
        {
            words = new long[INITIAL_WORDS];
        }
    }

    /** The watermark: the first entry not consumed. */
    long start()
    {
        return start;
    }

    /** One past the newest entry read. */
    long end()
    {
        return end;
    }

    /** Entries in the span that are consumed (the watermark has not passed them yet). */
    long consumedInSpan()
    {
        return consumed;
    }

    /**
     * Entry {@code sequence}, not before {@link #end()}, has been read. Entries skipped on the way are gone and
     * count as consumed.
     */
    void read(final long sequence)
    {
        if (sequence < end)
        {
            throw new IllegalArgumentException("sequence " + sequence + " is before the end of the span " + end);
        }
        if (start == end)
        {
            // nothing waiting: a gap simply moves the watermark; the word it leaves may hold bits passed earlier
            if ((sequence >>> 6) != (start >>> 6))
            {
                words[index(start)] = 0;
            }
            start = sequence;
            end = sequence + 1;
            return;
        }
        ensureCapacity(sequence + 1);
        final long gapStart = end;
        end = sequence + 1;
        for (long s = gapStart; s < sequence; s++)
        {
            set(s);
        }
    }

    /** Marks one read entry consumed; returns whether the watermark moved. */
    boolean consume(final long sequence)
    {
        if (sequence < start || sequence >= end || !set(sequence))
        {
            return false;
        }
        return sequence == start && advance();
    }

    /** Marks every read entry up to and including {@code sequence} consumed; returns whether the watermark moved. */
    boolean consumeThrough(final long sequence)
    {
        final long last = Math.min(sequence, end - 1);
        if (last < start)
        {
            return false;
        }
        for (long s = start; s <= last; )
        {
            final int i = index(s);
            final int bit = (int)(s & 63);
            final int bits = (int)Math.min(64 - bit, last - s + 1);
            final long mask = bits == 64 ? -1L : ((1L << bits) - 1) << bit;
            consumed -= Long.bitCount(words[i] & mask);
            if (bit + bits == 64)
            {
                // the watermark leaves this word: clear the bits below it too, for the ring to reuse
                words[i] = 0;
            }
            else
            {
                words[i] &= ~mask;
            }
            s += bits;
        }
        start = last + 1;
        advance();
        return true;
    }

    /** Sets the bit of a sequence in the span; false when it was set. */
    private boolean set(final long sequence)
    {
        final int i = index(sequence);
        final long bit = 1L << (sequence & 63);
        if ((words[i] & bit) != 0)
        {
            return false;
        }
        words[i] |= bit;
        consumed++;
        return true;
    }

    /** Moves the watermark over consumed entries, clearing each word it leaves so the ring can reuse it. */
    private boolean advance()
    {
        final long before = start;
        while (start < end)
        {
            final int i = index(start);
            final int bit = (int)(start & 63);
            // bits above the span are never set, so the run stops at end too
            final int run = Long.numberOfTrailingZeros(~(words[i] >>> bit));
            if (run == 0)
            {
                break;
            }
            start += run;
            consumed -= run;
            if ((start & 63) == 0)
            {
                words[i] = 0;
            }
            else
            {
                break;
            }
        }
        if (start == end && words.length >= SHRINK_WORDS)
        {
            words = new long[INITIAL_WORDS];
            consumed = 0;
        }
        return start != before;
    }

    private void ensureCapacity(final long newEnd)
    {
        final long firstWord = start >>> 6;
        final long needed = ((newEnd - 1) >>> 6) - firstWord + 1;
        if (needed <= words.length)
        {
            return;
        }
        if (needed > 1L << 30)
        {
            throw new IllegalStateException("consumed span of " + (newEnd - start) + " entries is too long");
        }
        final long[] grown = new long[Integer.highestOneBit((int)needed - 1) << 1];
        final long lastWord = (end - 1) >>> 6;
        for (long w = firstWord; w <= lastWord; w++)
        {
            grown[(int)(w & (grown.length - 1))] = words[(int)(w & (words.length - 1))];
        }
        words = grown;
    }

    private int index(final long sequence)
    {
        return (int)((sequence >>> 6) & (words.length - 1));
    }
}
