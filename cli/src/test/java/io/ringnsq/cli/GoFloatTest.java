package io.ringnsq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoFloatTest
{
    @Test
    void shouldWriteJsonNumbersAsGoEncodingJson()
    {
        assertEquals("0.99", GoFloat.json(0.99));
        assertEquals("0.5", GoFloat.json(0.5));
        assertEquals("1", GoFloat.json(1.0));
        assertEquals("1234567", GoFloat.json(1_234_567.0));
        assertEquals("12345678901234567000", GoFloat.json(1.2345678901234567e19));
        assertEquals("100000000000000000000", GoFloat.json(1e20));
        assertEquals("1e+21", GoFloat.json(1e21));
        assertEquals("1.5e+300", GoFloat.json(1.5e300));
        assertEquals("0.000001", GoFloat.json(1e-6));
        assertEquals("0.0001234", GoFloat.json(1.234e-4));
        assertEquals("1.5e-7", GoFloat.json(1.5e-7));
        assertEquals("9.999999e-7", GoFloat.json(9.999999e-7));
        assertEquals("1e-10", GoFloat.json(1e-10));
        assertEquals("123456789012.5", GoFloat.json(123_456_789_012.5));
        assertEquals("0.1", GoFloat.json(0.1));
        assertEquals("0.30000000000000004", GoFloat.json(0.1 + 0.2));
        assertEquals("-2.5", GoFloat.json(-2.5));
        assertEquals("0", GoFloat.json(0.0));
        assertEquals("-0", GoFloat.json(-0.0));
    }

    @Test
    void shouldPreferOneDigitWhereJavaPrintsTwo()
    {
        // Java's Double.toString rule picks 4.9E-324; Go's shortest is 5e-324
        assertEquals("5e-324", GoFloat.json(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", GoFloat.json(Double.MAX_VALUE));
        assertEquals("2e+23", GoFloat.json(2e23));
    }

    @Test
    void shouldRoundFixedHalfToEvenOnTheExactValue()
    {
        assertEquals("0.0", GoFloat.fixed(1.5e-7, 1));
        assertEquals("1.2", GoFloat.fixed(1.234567, 1));
        assertEquals("0.2", GoFloat.fixed(0.25, 1));
        assertEquals("0.3", GoFloat.fixed(0.35, 1));
        assertEquals("0.5", GoFloat.fixed(0.45, 1));
        assertEquals("99", GoFloat.fixed(0.99 * 100.0, 0));
        assertEquals("50", GoFloat.fixed(0.5 * 100.0, 0));
        assertEquals("2", GoFloat.fixed(2.5, 0));
        assertEquals("-0.0", GoFloat.fixed(-0.01, 1));
    }

    @Test
    void shouldFormatFloatsAsGoPercentVDoes()
    {
        assertEquals("0", GoFloat.general(0.0));
        assertEquals("1.5", GoFloat.general(1.5));
        assertEquals("-0.5", GoFloat.general(-0.5));
        assertEquals("100000", GoFloat.general(1e5));
        assertEquals("1e+06", GoFloat.general(1e6));
        assertEquals("1.234567e+06", GoFloat.general(1234567));
        assertEquals("0.0001", GoFloat.general(1e-4));
        assertEquals("1e-05", GoFloat.general(1e-5));
        assertEquals("NaN", GoFloat.general(Double.NaN));
        assertEquals("+Inf", GoFloat.general(Double.POSITIVE_INFINITY));
    }
}
