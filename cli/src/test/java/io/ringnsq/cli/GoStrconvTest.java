package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoStrconvTest
{
    @ParameterizedTest
    @CsvSource({"1.0,1.0", "0.99,0.99", ".5,0.5", "5.,5.0", "1e-2,0.01", "1E2,100.0", "+0.5,0.5", "-1,-1.0",
        "1_000.5,1000.5", "0x1p-2,0.25", "0X1.8P1,3.0"})
    void shouldParseFloatsWithGoSyntax(final String text, final double expected) throws InvalidValueException
    {
        assertEquals(expected, GoStrconv.parseFloat(text));
    }

    @Test
    void shouldParseGoInfinityAndNanSpellings() throws InvalidValueException
    {
        assertEquals(Double.POSITIVE_INFINITY, GoStrconv.parseFloat("inf"));
        assertEquals(Double.POSITIVE_INFINITY, GoStrconv.parseFloat("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, GoStrconv.parseFloat("-INF"));
        assertTrue(Double.isNaN(GoStrconv.parseFloat("NaN")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1d", "1f", " 1", "1 ", "_1", "1_", "1._5", ".", "e5", "0x1.8", "+nan", "infin", "1e", "0x"})
    void shouldRejectFloatsGoRejects(final String text)
    {
        assertEquals("parse error", assertThrows(InvalidValueException.class, () -> GoStrconv.parseFloat(text)).getMessage());
    }

    @Test
    void shouldReportFloatOverflowAsOutOfRange()
    {
        assertEquals("value out of range", assertThrows(InvalidValueException.class, () -> GoStrconv.parseFloat("1e400")).getMessage());
    }

    @Test
    void shouldQuoteLikeGoStrconvQuote()
    {
        assertEquals("\"plain\"", GoStrconv.quote("plain"));
        assertEquals("\"a\\\"b\\\\c\"", GoStrconv.quote("a\"b\\c"));
        assertEquals("\"\\a\\b\\f\\n\\r\\t\\v\"", GoStrconv.quote("\u0007\b\f\n\r\t\u000b"));
        assertEquals("\"\\x00\\x1b\\x7f\"", GoStrconv.quote("\u0000\u001b\u007f"));
        assertEquals("\"µs é 日本\"", GoStrconv.quote("µs é 日本"));
        assertEquals("\"\\u00a0\\u200b\"", GoStrconv.quote("\u00a0\u200b"));
    }

    @Test
    void shouldParseBase10OnlyWhenAsked() throws InvalidValueException
    {
        assertEquals(10L, GoStrconv.parseInt("010", 10));
        assertEquals(8L, GoStrconv.parseInt("010", 0));
        assertThrows(InvalidValueException.class, () -> GoStrconv.parseInt("1_000", 10));
    }
}
