package io.ringnsq.cli;

/**
 * Go's {@code time.ParseDuration} and {@code time.Duration.String()}, on nanoseconds in a
 * {@code long} (Go's {@code time.Duration} range). Parse errors carry Go's own messages
 * ({@code time: missing unit in duration "60"}).
 */
final class GoDuration
{
    private static final long NANOSECOND = 1L;
    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** 1 << 63 as an unsigned value: the largest magnitude Go accepts (for a negative duration). */
    private static final long MAGNITUDE_LIMIT = Long.MIN_VALUE;

    private GoDuration()
    {
    }

    /**
     * Parses {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} with units ns, us, µs (U+00B5), μs (U+03BC),
     * ms, s, m, h; a bare {@code 0} is zero, any other number without a unit is an error.
     *
     * @return the duration in nanoseconds
     */
    static long parse(final String text) throws InvalidValueException
    {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+'))
        {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0"))
        {
            return 0;
        }
        if (s.isEmpty())
        {
            throw invalid(text);
        }

        long total = 0;
        int i = 0;
        while (i < s.length())
        {
            char c = s.charAt(i);
            if (!(c == '.' || c >= '0' && c <= '9'))
            {
                throw invalid(text);
            }

            // integer part, unsigned with Go's overflow checks
            final int integerStart = i;
            long whole = 0;
            while (i < s.length() && (c = s.charAt(i)) >= '0' && c <= '9')
            {
                if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, 10)) > 0)
                {
                    throw invalid(text);
                }
                whole = whole * 10 + (c - '0');
                if (Long.compareUnsigned(whole, MAGNITUDE_LIMIT) > 0)
                {
                    throw invalid(text);
                }
                i++;
            }
            final boolean hasInteger = i > integerStart;

            // fraction: digits past what fits are ignored, as in Go
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.')
            {
                i++;
                final int fractionStart = i;
                boolean overflow = false;
                while (i < s.length() && (c = s.charAt(i)) >= '0' && c <= '9')
                {
                    if (!overflow)
                    {
                        final long next = fraction * 10 + (c - '0');
                        if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0 || Long.compareUnsigned(next, MAGNITUDE_LIMIT) > 0)
                        {
                            overflow = true;
                        }
                        else
                        {
                            fraction = next;
                            scale *= 10;
                        }
                    }
                    i++;
                }
                hasFraction = i > fractionStart;
            }
            if (!hasInteger && !hasFraction)
            {
                throw invalid(text);
            }

            final int unitStart = i;
            while (i < s.length() && !((c = s.charAt(i)) == '.' || c >= '0' && c <= '9'))
            {
                i++;
            }
            if (i == unitStart)
            {
                throw new InvalidValueException("time: missing unit in duration " + GoStrconv.quote(text));
            }
            final String unitName = s.substring(unitStart, i);
            final long unit = unit(unitName);
            if (unit == 0)
            {
                throw new InvalidValueException(
                    "time: unknown unit " + GoStrconv.quote(unitName) + " in duration " + GoStrconv.quote(text));
            }

            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, unit)) > 0)
            {
                throw invalid(text);
            }
            long value = whole * unit;
            if (fraction != 0)
            {
                // float64 is precise enough here: the fraction of an hour is at most 3.6e12 ns;
                // the only negative (unsigned) fraction is 1 << 63
                final double unsignedFraction = fraction < 0 ? 0x1p63 : fraction;
                value += (long)(unsignedFraction * (unit / scale));
                if (Long.compareUnsigned(value, MAGNITUDE_LIMIT) > 0)
                {
                    throw invalid(text);
                }
            }
            total += value;
            if (Long.compareUnsigned(total, MAGNITUDE_LIMIT) > 0)
            {
                throw invalid(text);
            }
        }
        if (negative)
        {
            return -total;
        }
        if (total == MAGNITUDE_LIMIT)
        {
            throw invalid(text);
        }
        return total;
    }

    private static long unit(final String name)
    {
        switch (name)
        {
            case "ns":
                return NANOSECOND;
            case "us":
            case "\u00b5s":
            case "\u03bcs":
                return MICROSECOND;
            case "ms":
                return MILLISECOND;
            case "s":
                return SECOND;
            case "m":
                return MINUTE;
            case "h":
                return HOUR;
            default:
                return 0;
        }
    }

    private static InvalidValueException invalid(final String text)
    {
        return new InvalidValueException("time: invalid duration " + GoStrconv.quote(text));
    }

    /** Go's {@code Duration.String()}: {@code 1m0s}, {@code 1h30m0s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    static String format(final long nanos)
    {
        // the magnitude is unsigned so that Long.MIN_VALUE formats as Go does
        final long magnitude = nanos < 0 ? -nanos : nanos;
        final StringBuilder reversed = new StringBuilder(32);
        if (Long.compareUnsigned(magnitude, SECOND) < 0)
        {
            reversed.append('s');
            final int precision;
            if (magnitude == 0)
            {
                return "0s";
            }
            else if (magnitude < MICROSECOND)
            {
                precision = 0;
                reversed.append('n');
            }
            else if (magnitude < MILLISECOND)
            {
                precision = 3;
                reversed.append('\u00b5');
            }
            else
            {
                precision = 6;
                reversed.append('m');
            }
            appendInteger(reversed, appendFraction(reversed, magnitude, precision));
        }
        else
        {
            reversed.append('s');
            long rest = appendFraction(reversed, magnitude, 9);
            appendInteger(reversed, Long.remainderUnsigned(rest, 60));
            rest = Long.divideUnsigned(rest, 60);
            if (rest > 0)
            {
                reversed.append('m');
                appendInteger(reversed, rest % 60);
                rest /= 60;
                // hours are the largest unit: days differ in length
                if (rest > 0)
                {
                    reversed.append('h');
                    appendInteger(reversed, rest);
                }
            }
        }
        if (nanos < 0)
        {
            reversed.append('-');
        }
        return reversed.reverse().toString();
    }

    /** Appends (reversed) the fraction {@code value / 10^precision} without trailing zeros; returns the integer part. */
    private static long appendFraction(final StringBuilder reversed, final long value, final int precision)
    {
        long v = value;
        boolean print = false;
        for (int i = 0; i < precision; i++)
        {
            final long digit = Long.remainderUnsigned(v, 10);
            print = print || digit != 0;
            if (print)
            {
                reversed.append((char)('0' + digit));
            }
            v = Long.divideUnsigned(v, 10);
        }
        if (print)
        {
            reversed.append('.');
        }
        return v;
    }

    private static void appendInteger(final StringBuilder reversed, final long value)
    {
        long v = value;
        do
        {
            reversed.append((char)('0' + Long.remainderUnsigned(v, 10)));
            v = Long.divideUnsigned(v, 10);
        }
        while (v != 0);
    }
}
