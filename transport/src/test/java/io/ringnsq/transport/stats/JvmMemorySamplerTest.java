package io.ringnsq.transport.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JvmMemorySamplerTest
{
    @Test
    void shouldReportTheHeapInGosTerms()
    {
        try (JvmMemorySampler sampler = JvmMemorySampler.start())
        {
            final MemoryStats stats = sampler.sample();

            assertEquals(0, stats.heapObjects());
            assertTrue(stats.heapInUseBytes() > 0);
            assertTrue(stats.heapIdleBytes() >= stats.heapReleasedBytes());
            assertTrue(stats.heapReleasedBytes() >= 0);
            assertTrue(stats.nextGcBytes() >= stats.heapInUseBytes());
            assertTrue(stats.gcTotalRuns() >= 0);
        }
    }

    @Test
    void shouldCountACollection()
    {
        try (JvmMemorySampler sampler = JvmMemorySampler.start())
        {
            final long before = sampler.sample().gcTotalRuns();
            System.gc();
            assertTrue(sampler.sample().gcTotalRuns() > before);
        }
    }

    @Test
    void shouldTakeUpstreamsPercentilesOverTheLast256Pauses()
    {
        try (JvmMemorySampler sampler = JvmMemorySampler.start())
        {
            // a pause of i µs for i = 1..300: the window keeps 45..300
            for (int i = 1; i <= 300; i++)
            {
                sampler.recordPauseNanos(i * 1_000L + 999);
            }
            final MemoryStats stats = sampler.sample();

            assertEquals(300, stats.gcPauseUsec100());
            assertEquals(298, stats.gcPauseUsec99());
            assertEquals(288, stats.gcPauseUsec95());
        }
    }

    @Test
    void shouldComputePercentilesAsGetMemStats()
    {
        final GcPauseWindow window = new GcPauseWindow(256);
        assertArrayEquals(new long[] {0, 0, 0}, window.percentilesMicros());

        window.record(5_000);
        assertArrayEquals(new long[] {5, 5, 5}, window.percentilesMicros());

        window.record(1_000);
        // length 2: floor(0.99 * 2 + 0.5) = 2, capped at 1; floor(0.95 * 2 + 0.5) = 2, capped at 1
        assertArrayEquals(new long[] {5, 5, 5}, window.percentilesMicros());

        final long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(10, GcPauseWindow.percentile(100, sorted, 10));
        assertEquals(10, GcPauseWindow.percentile(99, sorted, 10));
        assertEquals(10, GcPauseWindow.percentile(95, sorted, 10));
        assertEquals(6, GcPauseWindow.percentile(50, sorted, 10));
        assertEquals(1, GcPauseWindow.percentile(0, sorted, 10));
    }

    @Test
    void shouldTellPauseBeansFromCycleBeans()
    {
        assertTrue(JvmMemorySampler.countsPauses("G1 Young Generation"));
        assertTrue(JvmMemorySampler.countsPauses("G1 Old Generation"));
        assertTrue(JvmMemorySampler.countsPauses("ZGC Pauses"));
        assertTrue(JvmMemorySampler.countsPauses("PS Scavenge"));
        assertFalse(JvmMemorySampler.countsPauses("ZGC Cycles"));
        assertFalse(JvmMemorySampler.countsPauses("G1 Concurrent GC"));
        assertTrue(JvmMemorySampler.countsCycles("ZGC Cycles"));
        assertTrue(JvmMemorySampler.countsCycles("G1 Young Generation"));
        assertFalse(JvmMemorySampler.countsCycles("Shenandoah Pauses"));
    }
}
