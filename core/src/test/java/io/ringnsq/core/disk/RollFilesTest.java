package io.ringnsq.core.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RollFilesTest
{
    @Test
    void shouldNameCyclesAsChronicleDoes()
    {
        assertEquals("19700101-0000V.cq4", RollFiles.name(0));
        assertEquals("19700101-0005V.cq4", RollFiles.name(1));
        assertEquals("19700102-0000V.cq4", RollFiles.name(288));
    }

    @Test
    void shouldReadTheCycleBackFromANameUpToYear9999()
    {
        for (final int cycle : new int[]{0, 1, 287, 288, 1_000_000, 843_000_000})
        {
            assertEquals(cycle, RollFiles.cycle(RollFiles.name(cycle)));
        }
        assertEquals(-1, RollFiles.cycle("metadata.cq4t"));
        assertEquals(-1, RollFiles.cycle("watermark.dat"));
        assertEquals(-1, RollFiles.cycle("19700101-0003V.cq4"));
        assertEquals(-1, RollFiles.cycle("junk.cq4"));
    }
}
