package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest
{
    @ParameterizedTest
    @CsvSource({
        "0,0s", "1,1ns", "1100,1.1µs", "2200000,2.2ms", "250000000,250ms", "1000000000,1s", "1500000000,1.5s",
        "60000000000,1m0s", "90000000000,1m30s", "3600000000000,1h0m0s", "900000000000,15m0s", "-2000000000,-2s",
        "3723000000001,1h2m3.000000001s", "9223372036854775807,2562047h47m16.854775807s",
        "-9223372036854775808,-2562047h47m16.854775808s"})
    void shouldFormatLikeGoDurationString(final long nanos, final String expected)
    {
        assertEquals(expected, GoDuration.format(nanos));
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775807ns,9223372036854775807", "-9223372036854775808ns,-9223372036854775808",
        "2562047h47m16.854775807s,9223372036854775807", "0.000000001s,1", "1.0000000001s,1000000000",
        "100.00100s,100001000000", "3h5m,11100000000000", "-0,0", "+0,0"})
    void shouldParseGoEdgeCases(final String text, final long expectedNanos) throws InvalidValueException
    {
        assertEquals(expectedNanos, GoDuration.parse(text));
    }

    @Test
    void shouldUseGoTimeErrorMessages()
    {
        assertEquals("time: invalid duration \"abc\"",
            assertThrows(InvalidValueException.class, () -> GoDuration.parse("abc")).getMessage());
        assertEquals("time: missing unit in duration \"60\"",
            assertThrows(InvalidValueException.class, () -> GoDuration.parse("60")).getMessage());
        assertEquals("time: unknown unit \"d\" in duration \"1d\"",
            assertThrows(InvalidValueException.class, () -> GoDuration.parse("1d")).getMessage());
        assertEquals("time: invalid duration \"\"",
            assertThrows(InvalidValueException.class, () -> GoDuration.parse("")).getMessage());
    }
}
