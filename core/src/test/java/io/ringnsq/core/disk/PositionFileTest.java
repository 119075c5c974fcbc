package io.ringnsq.core.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLoadWhatWasStoredLast() throws Exception
    {
        try (PositionFile file = PositionFile.open(dir))
        {
            assertNull(file.load());
            assertEquals(PositionFile.State.MISSING, file.state());
            file.store(new PositionFile.Position(1, 2, 3, 4, 5));
            file.store(new PositionFile.Position(10, 20, 30, 40, 50));
        }
        try (PositionFile file = PositionFile.open(dir))
        {
            assertEquals(new PositionFile.Position(10, 20, 30, 40, 50), file.load());
            assertEquals(PositionFile.State.VALID, file.state());
            file.store(new PositionFile.Position(11, 21, 31, 41, 51));
        }
        try (PositionFile file = PositionFile.open(dir))
        {
            assertEquals(new PositionFile.Position(11, 21, 31, 41, 51), file.load());
        }
    }

    @Test
    void shouldFallBackToTheOtherSlotWhenTheNewestWriteIsTorn() throws Exception
    {
        try (PositionFile file = PositionFile.open(dir))
        {
            file.store(new PositionFile.Position(1, 2, 3, 4, 5));
            file.store(new PositionFile.Position(10, 20, 30, 40, 50));
        }
        // the second store went to slot 0 (generation 2); tear it mid-slot
        ChronicleFiles.overwrite(dir.resolve(PositionFile.NAME), 20, new byte[]{1, 2, 3});
        try (PositionFile file = PositionFile.open(dir))
        {
            assertEquals(new PositionFile.Position(1, 2, 3, 4, 5), file.load());
            // the next store must not overwrite the good slot
            file.store(new PositionFile.Position(7, 7, 7, 7, 7));
        }
        try (PositionFile file = PositionFile.open(dir))
        {
            assertEquals(new PositionFile.Position(7, 7, 7, 7, 7), file.load());
        }
    }

    @Test
    void shouldSayCorruptWhenNoSlotIsValid() throws Exception
    {
        try (PositionFile file = PositionFile.open(dir))
        {
            file.store(new PositionFile.Position(1, 2, 3, 4, 5));
        }
        ChronicleFiles.overwrite(dir.resolve(PositionFile.NAME), 4096 + 16, new byte[]{9});
        try (PositionFile file = PositionFile.open(dir))
        {
            assertNull(file.load());
            assertEquals(PositionFile.State.CORRUPT, file.state());
        }
    }
}
