package io.ringnsq.transport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class GoFmtTest
{
    private static String duration(final long nanos)
    {
        return GoFmt.duration(new StringBuilder(), nanos).toString();
    }

    @Test
    void shouldFormatDurationsAsGoDurationString()
    {
        assertEquals("0s", duration(0));
        assertEquals("1ns", duration(1));
        assertEquals("999ns", duration(999));
        assertEquals("1µs", duration(1_000));
        assertEquals("1.5µs", duration(1_500));
        assertEquals("1.234567ms", duration(1_234_567));
        assertEquals("250ms", duration(250_000_000));
        assertEquals("1s", duration(1_000_000_000L));
        assertEquals("41.70104818s", duration(41_701_048_180L));
        assertEquals("59.999999999s", duration(59_999_999_999L));
        assertEquals("1m0s", duration(60_000_000_000L));
        assertEquals("1m30.5s", duration(90_500_000_000L));
        assertEquals("1h0m0s", duration(3_600_000_000_000L));
        assertEquals("2h3m4.000000005s", duration(7_384_000_000_005L));
        assertEquals("-1.5s", duration(-1_500_000_000L));
        assertEquals("-2562047h47m16.854775808s", duration(Long.MIN_VALUE));
    }

    @Test
    void shouldFormatRfc3339InTheGivenZone()
    {
        assertEquals("2023-11-14T22:13:20Z", GoFmt.rfc3339(1_700_000_000_999_999_999L, ZoneOffset.UTC));
        assertEquals("2023-11-14T23:13:20+01:00", GoFmt.rfc3339(1_700_000_000_000_000_000L, ZoneId.of("Europe/Paris")));
        assertEquals("2023-11-14T17:13:20-05:00", GoFmt.rfc3339(1_700_000_000_000_000_000L, ZoneId.of("America/New_York")));
    }

    @Test
    void shouldTakeThePortAsNetSplitHostPort()
    {
        assertEquals("55428", GoFmt.port("127.0.0.1:55428"));
        assertEquals("4150", GoFmt.port("[::1]:4150"));
        assertEquals("", GoFmt.port("host:"));
        assertEquals("", GoFmt.port("::1:4150"));
        assertEquals("", GoFmt.port("[::1]4150"));
        assertEquals("", GoFmt.port("[::1]"));
        assertEquals("", GoFmt.port("@"));
        assertEquals("", GoFmt.port(""));
        assertEquals("", GoFmt.port(null));
        assertEquals("", GoFmt.port("a]b:1"));
    }

    @Test
    void shouldPadByRunes()
    {
        assertEquals("[héllo ]", GoFmt.padString(new StringBuilder("["), "héllo", 6).append(']').toString());
        assertEquals("[😀 ]", GoFmt.padString(new StringBuilder("["), "😀", 2).append(']').toString());
        assertEquals("[toolong]", GoFmt.padString(new StringBuilder("["), "toolong", 3).append(']').toString());
        assertEquals("[-5  ]", GoFmt.padInt(new StringBuilder("["), -5, 4).append(']').toString());
        assertEquals("[18446744073709551615]", GoFmt.padUnsigned(new StringBuilder("["), -1, 8).append(']').toString());
    }
}
