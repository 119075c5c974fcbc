package io.ringnsq.transport.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest
{
    @TempDir
    Path dir;

    private static byte[] line(final String text)
    {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRotateBeforeALineWouldPassTheMaximumSize() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        final RotatingLogFile log = new RotatingLogFile(file, 10, 3);

        log.write(line("aaaa"));
        log.write(line("bbbb"));   // 10 bytes: exactly full, still one file
        log.write(line("cccc"));   // would make 15: rotates first
        log.close();

        assertEquals("cccc\n", read(file));
        assertEquals("aaaa\nbbbb\n", read(log.rotated(1)));
        assertFalse(Files.exists(log.rotated(2)));
    }

    @Test
    void shouldKeepOnlyMaxFilesRotatedFilesNewestFirst() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        final RotatingLogFile log = new RotatingLogFile(file, 5, 2);

        for (final String text : new String[] {"1111", "2222", "3333", "4444"})
        {
            log.write(line(text));
        }
        log.close();

        assertEquals("4444\n", read(file));
        assertEquals("3333\n", read(log.rotated(1)));
        assertEquals("2222\n", read(log.rotated(2)));
        assertFalse(Files.exists(log.rotated(3)));
    }

    @Test
    void shouldStartTheFileOverWhenNoRotatedFilesAreKept() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        final RotatingLogFile log = new RotatingLogFile(file, 5, 0);

        log.write(line("1111"));
        log.write(line("2222"));
        log.close();

        assertEquals("2222\n", read(file));
        assertFalse(Files.exists(log.rotated(1)));
    }

    @Test
    void shouldNeverSplitALineLongerThanTheMaximum() throws IOException
    {
        final Path file = dir.resolve("nsqd.log");
        final RotatingLogFile log = new RotatingLogFile(file, 4, 1);

        log.write(line("0123456789"));
        log.write(line("x"));
        log.close();

        assertEquals("x\n", read(file));
        assertEquals("0123456789\n", read(log.rotated(1)));
    }

    @Test
    void shouldAppendToAnExistingFileAndCountItsSize() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("nsqd.log"), "old-line\n");
        final RotatingLogFile log = new RotatingLogFile(file, 12, 1);

        log.write(line("ab"));     // 9 + 3 = 12
        log.write(line("cd"));     // rotates
        log.close();

        assertEquals("old-line\nab\n", read(log.rotated(1)));
        assertEquals("cd\n", read(file));
    }

    @Test
    void shouldNameTheFileAndReasonWhenItsDirectoryIsMissing()
    {
        final Path file = dir.resolve("missing").resolve("nsqd.log");

        final IOException ex = assertThrows(IOException.class, () -> new RotatingLogFile(file, 100, 1));

        assertEquals(file + ": no such file or directory", ex.getMessage());
    }

    @Test
    void shouldNameTheFileAndReasonWhenItIsADirectory()
    {
        final IOException ex = assertThrows(IOException.class, () -> new RotatingLogFile(dir, 100, 1));

        assertTrue(ex.getMessage().startsWith(dir + ": "), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("is a directory"), ex.getMessage());
    }

    @Test
    void shouldRefuseASizeBelowOneAndANegativeCount()
    {
        final Path file = dir.resolve("nsqd.log");

        assertThrows(IllegalArgumentException.class, () -> new RotatingLogFile(file, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RotatingLogFile(file, 1, -1));
    }
}
