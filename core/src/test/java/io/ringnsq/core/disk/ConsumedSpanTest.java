package io.ringnsq.core.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class ConsumedSpanTest
{
    private final ConsumedSpan span = new ConsumedSpan();

    @Test
    void shouldMoveTheWatermarkOnlyOverAContiguousConsumedRun()
    {
        span.reset(100);
        for (long s = 100; s < 200; s++)
        {
            span.read(s);
        }
        for (long s = 150; s > 100; s--)
        {
            assertFalse(span.consume(s));
        }
        assertEquals(100, span.start());
        assertEquals(50, span.consumedInSpan());
        assertTrue(span.consume(100));
        assertEquals(151, span.start());
        assertEquals(0, span.consumedInSpan());
        assertEquals(200, span.end());
    }

    @Test
    void shouldIgnoreRepeatedAndOutOfSpanConsumption()
    {
        span.reset(0);
        span.read(0);
        span.read(1);
        assertFalse(span.consume(1));
        assertFalse(span.consume(1));
        assertFalse(span.consume(5));
        assertEquals(1, span.consumedInSpan());
        assertTrue(span.consume(0));
        assertFalse(span.consume(0));
        assertEquals(2, span.start());
    }

    @Test
    void shouldCountEntriesSkippedByAGapAsConsumed()
    {
        span.reset(0);
        span.read(0);
        span.read(5);
        assertEquals(4, span.consumedInSpan());
        assertTrue(span.consume(0));
        assertEquals(5, span.start());

        assertTrue(span.consume(5));
        // nothing waiting: a gap just moves the watermark
        span.read(1000);
        assertEquals(1000, span.start());
        assertEquals(1001, span.end());
    }

    @Test
    void shouldConsumeThroughASequenceAndPassRunsAlreadyConsumed()
    {
        span.reset(10);
        for (long s = 10; s < 100; s++)
        {
            span.read(s);
        }
        span.consume(60);
        span.consume(61);
        span.consume(63);
        assertTrue(span.consumeThrough(59));
        assertEquals(62, span.start());
        assertEquals(1, span.consumedInSpan());
        assertFalse(span.consumeThrough(20));
        assertTrue(span.consumeThrough(1_000));
        assertEquals(100, span.start());
        assertEquals(0, span.consumedInSpan());
    }

    @Test
    void shouldRefuseToReadBackwards()
    {
        span.reset(5);
        span.read(5);
        assertThrows(IllegalArgumentException.class, () -> span.read(5));
    }

    @Test
    void shouldHoldALongSpanBehindOneOldEntry()
    {
        span.reset(0);
        for (long s = 0; s < 3_000_000; s++)
        {
            span.read(s);
            if (s > 0)
            {
                span.consume(s);
            }
        }
        assertEquals(0, span.start());
        assertEquals(2_999_999, span.consumedInSpan());
        assertTrue(span.consume(0));
        assertEquals(3_000_000, span.start());
        assertEquals(0, span.consumedInSpan());
        // and works on after giving the big ring back
        span.read(3_000_000);
        span.read(3_000_001);
        span.consume(3_000_001);
        assertEquals(3_000_000, span.start());
        assertEquals(1, span.consumedInSpan());
    }

    @Test
    void shouldAgreeWithASimpleModelUnderRandomOperations()
    {
        final Random random = new Random(1234);
        final TreeSet<Long> unconsumed = new TreeSet<>();
        long end = 77;
        span.reset(end);
        for (int op = 0; op < 400_000; op++)
        {
            final int kind = random.nextInt(100);
            if (kind < 50)
            {
                // read, now and then after a gap
                final long next = random.nextInt(50) == 0 ? end + 1 + random.nextInt(200) : end;
                span.read(next);
                unconsumed.add(next);
                end = next + 1;
            }
            else if (kind < 97)
            {
                if (!unconsumed.isEmpty())
                {
                    // mostly near the watermark, sometimes anywhere
                    final long first = unconsumed.first();
                    final long sequence = first + random.nextInt(random.nextBoolean() ? 8 : 5_000);
                    span.consume(sequence);
                    unconsumed.remove(sequence);
                }
            }
            else
            {
                final long through = end - 1 - random.nextInt(300);
                span.consumeThrough(through);
                unconsumed.headSet(through, true).clear();
            }
            final long expectedStart = unconsumed.isEmpty() ? end : unconsumed.first();
            assertEquals(expectedStart, span.start(), "watermark after op " + op);
            assertEquals(end, span.end());
            assertEquals(end - expectedStart - unconsumed.size(), span.consumedInSpan(), "count after op " + op);
        }
    }
}
