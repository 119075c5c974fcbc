package io.ringnsq.core.disk;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * The roll cycle and how its files are named. Every roll, and every open, takes a new cycle, and a cycle's file is
 * named by its start time, which must stay a four-digit year. {@link RollCycles#FIVE_MINUTELY} gives 844 million
 * cycles before year 9999 (27 years of one roll a second; a day-long cycle would give 2.9 million, 34 days), and
 * holds up to 2^30 entries a cycle, more than any sensible max-bytes-per-file. Cycle {@code n} is the file of the
 * time {@code 5n} minutes after 1970-01-01 UTC: {@code 19700101-0000V.cq4} is cycle 0, {@code 19700101-0005V.cq4}
 * cycle 1.
 */
final class RollFiles
{
    static final RollCycle ROLL_CYCLE = RollCycles.FIVE_MINUTELY;
    static final String SUFFIX = ".cq4";

    private static final DateTimeFormatter NAMES = DateTimeFormatter.ofPattern(ROLL_CYCLE.format());
    private static final long CYCLE_SECONDS = ROLL_CYCLE.lengthInMillis() / 1000;

    private RollFiles()
    {
    }

    static String name(final int cycle)
    {
        return NAMES.format(LocalDateTime.ofEpochSecond(cycle * CYCLE_SECONDS, 0, ZoneOffset.UTC)) + SUFFIX;
    }

    /** The cycle of a roll file's name, or -1 when the name is not one. */
    static int cycle(final String fileName)
    {
        if (!fileName.endsWith(SUFFIX))
        {
            return -1;
        }
        try
        {
            final LocalDateTime time = LocalDateTime.parse(
                fileName.substring(0, fileName.length() - SUFFIX.length()), NAMES);
            final long seconds = time.toEpochSecond(ZoneOffset.UTC);
            return seconds >= 0 && seconds % CYCLE_SECONDS == 0 ? (int)(seconds / CYCLE_SECONDS) : -1;
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            return -1;
        }
    }
}
