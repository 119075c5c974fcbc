package io.ringnsq.transport.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class GoLogFormatTest
{
    private final GoLogFormat utc = new GoLogFormat(ZoneOffset.UTC);

    @Test
    void shouldWriteUpstreamsLineWithPrefixDateMicrosecondsAndLevelWord()
    {
        final Instant time = Instant.parse("2026-11-22T03:46:44.485168Z");

        assertEquals("[nsqd] 2026/11/22 03:46:44.485168 INFO: TCP: listening on 127.0.0.1:4150\n",
            utc.format("[nsqd] ", time, "INFO", "TCP: listening on 127.0.0.1:4150"));
    }

    @Test
    void shouldPadEveryFieldAndDropNanosecondsBelowTheMicrosecond()
    {
        final Instant time = Instant.parse("2026-01-02T03:04:05.000007999Z");

        assertEquals("[nsqd] 2026/01/02 03:04:05.000007 WARNING: x\n", utc.format("[nsqd] ", time, "WARNING", "x"));
    }

    @Test
    void shouldUseTheGivenTimeZoneAsGoUsesLocalTime()
    {
        final GoLogFormat plusTwo = new GoLogFormat(ZoneId.of("+02:00"));

        assertEquals("2026/11/22 01:00:00.000000 DEBUG: late\n",
            plusTwo.format("", Instant.parse("2026-11-21T23:00:00Z"), "DEBUG", "late"));
    }

    @Test
    void shouldNotAddASecondNewlineToAMessageEndingWithOne()
    {
        assertEquals("p 1970/01/01 00:00:00.000000 ERROR: two\nlines\n",
            utc.format("p ", Instant.EPOCH, "ERROR", "two\nlines\n"));
    }

    @Test
    void shouldFollowTheClockAcrossSecondsWithItsCache()
    {
        final Instant first = Instant.parse("2026-11-22T03:46:44.999999Z");

        utc.format("", first, "INFO", "a");

        assertEquals("2026/11/22 03:46:45.000001 INFO: b\n", utc.format("", first.plusNanos(2_000), "INFO", "b"));
        assertEquals("2026/11/22 03:46:44.999999 INFO: c\n", utc.format("", first, "INFO", "c"));
    }
}
