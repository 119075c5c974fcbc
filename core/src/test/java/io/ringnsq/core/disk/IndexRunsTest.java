package io.ringnsq.core.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexRunsTest
{
    private final IndexRuns runs = new IndexRuns();

    @Test
    void shouldMapSequencesToIndexesAcrossRollFilesAndGaps()
    {
        for (long s = 0; s < 10; s++)
        {
            runs.add(s, 0x1_0000_0000L + 100 + s);
        }
        // next roll file
        for (long s = 10; s < 20; s++)
        {
            runs.add(s, 0x2_0000_0000L + (s - 10));
        }
        // damage took 20..29
        runs.add(30, 0x2_0000_0000L + 75);

        assertEquals(0x1_0000_0000L + 100, runs.indexOf(0));
        assertEquals(0x1_0000_0000L + 109, runs.indexOf(9));
        assertEquals(0x2_0000_0000L, runs.indexOf(10));
        assertEquals(0x2_0000_0000L + 9, runs.indexOf(19));
        assertEquals(-1, runs.indexOf(25));
        assertEquals(0x2_0000_0000L + 75, runs.indexOf(30));
        assertEquals(0x2_0000_0000L + 75, runs.lastIndex());
    }

    @Test
    void shouldDropRunsBehindTheWatermarkAndKeepWorkingPastManyFiles()
    {
        for (int file = 0; file < 1000; file++)
        {
            for (long entry = 0; entry < 3; entry++)
            {
                runs.add(file * 3L + entry, ((long)file << 32) + entry);
            }
            assertEquals(((long)file << 32) + 1, runs.indexOf(file * 3L + 1));
        }
        assertEquals(-1, runs.indexOf(0));
        runs.clear();
        assertEquals(-1, runs.lastIndex());
        assertEquals(-1, runs.indexOf(2999));
    }
}
