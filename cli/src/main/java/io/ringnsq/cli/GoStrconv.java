package io.ringnsq.cli;

import java.util.regex.Pattern;

/**
 * Ports of the Go {@code strconv} functions whose exact syntax users of the Go binaries rely on:
 * {@code ParseInt}, {@code ParseBool}, {@code ParseFloat} and {@code Quote}. Errors carry the reason
 * Go's {@code flag} package prints ({@code parse error} or {@code value out of range}).
 */
final class GoStrconv
{
    private static final Pattern DECIMAL_FLOAT =
        Pattern.compile("[+-]?(?:[0-9_]+\\.?[0-9_]*|\\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?");
    private static final Pattern HEX_FLOAT =
        Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F_]+\\.?[0-9a-fA-F_]*|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
    private static final Pattern NAN = Pattern.compile("(?i:nan)");

    private GoStrconv()
    {
    }

    /**
     * Go's {@code strconv.ParseInt(s, base, 64)} for base 0 (Go literal syntax: {@code 0x10},
     * {@code 0o17}, {@code 017}, {@code 0b101}, {@code 1_000}, a sign) or base 10.
     */
    static long parseInt(final String s, final int base) throws InvalidValueException
    {
        if (base != 0 && base != 10)
        {
            throw new IllegalArgumentException("base " + base);
        }
        if (s.isEmpty())
        {
            throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
        final char sign = s.charAt(0);
        final boolean negative = sign == '-';
        final String digits = sign == '+' || sign == '-' ? s.substring(1) : s;
        final long magnitude = parseUnsigned(digits, base);
        // the magnitude is unsigned; 1 << 63 fits only as the magnitude of Long.MIN_VALUE
        final int againstCutoff = Long.compareUnsigned(magnitude, Long.MIN_VALUE);
        if (negative ? againstCutoff > 0 : againstCutoff >= 0)
        {
            throw new InvalidValueException(InvalidValueException.OUT_OF_RANGE);
        }
        return negative ? -magnitude : magnitude;
    }

    /** Go's {@code strconv.ParseUint(s, base, 64)}; the result is an unsigned 64-bit value. */
    private static long parseUnsigned(final String s0, final int base0) throws InvalidValueException
    {
        if (s0.isEmpty())
        {
            throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
        final boolean goLiteral = base0 == 0;
        String s = s0;
        int base = base0;
        if (goLiteral)
        {
            base = 10;
            if (s.charAt(0) == '0')
            {
                final char prefix = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                if (prefix == 'b' || prefix == 'o' || prefix == 'x')
                {
                    base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
                    s = s.substring(2);
                }
                else
                {
                    // a leading 0 alone means octal, as in Go source
                    base = 8;
                    s = s.substring(1);
                }
            }
        }

        final long cutoff = Long.divideUnsigned(-1L, base) + 1;
        boolean underscores = false;
        long n = 0;
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '_' && goLiteral)
            {
                underscores = true;
                continue;
            }
            final int digit = digitValue(c);
            if (digit < 0 || digit >= base)
            {
                throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
            }
            if (Long.compareUnsigned(n, cutoff) >= 0)
            {
                throw new InvalidValueException(InvalidValueException.OUT_OF_RANGE);
            }
            final long shifted = n * base;
            final long next = shifted + digit;
            if (Long.compareUnsigned(next, shifted) < 0)
            {
                throw new InvalidValueException(InvalidValueException.OUT_OF_RANGE);
            }
            n = next;
        }
        if (underscores && !underscoreOk(s0))
        {
            throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
        return n;
    }

    private static int digitValue(final char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        final char lower = Character.toLowerCase(c);
        if (lower >= 'a' && lower <= 'z')
        {
            return lower - 'a' + 10;
        }
        return -1;
    }

    /** Go's {@code underscoreOK}: underscores only between digits, or right after a base prefix. */
    private static boolean underscoreOk(final String text)
    {
        String s = text;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+'))
        {
            s = s.substring(1);
        }
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0')
        {
            final char prefix = Character.toLowerCase(s.charAt(1));
            if (prefix == 'b' || prefix == 'o' || prefix == 'x')
            {
                i = 2;
                saw = '0';
                hex = prefix == 'x';
            }
        }
        for (; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            final char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f')
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_')
            {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /** Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
    static boolean parseBool(final String s) throws InvalidValueException
    {
        switch (s)
        {
            case "1":
            case "t":
            case "T":
            case "TRUE":
            case "true":
            case "True":
                return true;
            case "0":
            case "f":
            case "F":
            case "FALSE":
            case "false":
            case "False":
                return false;
            default:
                throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
    }

    /**
     * Go's {@code strconv.ParseFloat(s, 64)}: decimal and hexadecimal ({@code 0x1p-2}) literals with
     * optional underscores between digits, {@code inf}/{@code infinity} with a sign, {@code nan}.
     * A finite literal too large for a double is out of range, as in Go.
     */
    static double parseFloat(final String s) throws InvalidValueException
    {
        if (INFINITY.matcher(s).matches())
        {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(s).matches())
        {
            return Double.NaN;
        }
        // the patterns keep out what Java accepts and Go does not ("1d", " 1", "Infinity" spellings)
        final boolean hex = HEX_FLOAT.matcher(s).matches();
        if (!hex && !DECIMAL_FLOAT.matcher(s).matches() || s.indexOf('_') >= 0 && !underscoreOk(s) || !hasDigit(s, hex))
        {
            throw new InvalidValueException(InvalidValueException.PARSE_ERROR);
        }
        final double value = Double.parseDouble(s.replace("_", ""));
        if (Double.isInfinite(value))
        {
            throw new InvalidValueException(InvalidValueException.OUT_OF_RANGE);
        }
        return value;
    }

    private static boolean hasDigit(final String s, final boolean hex)
    {
        // the mantissa (after sign and "0x", before the exponent) must hold a digit, not just underscores
        final int signLength = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        final int start = signLength + (hex ? 2 : 0);
        for (int i = start; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E')
            {
                return false;
            }
            if (Character.digit(c, hex ? 16 : 10) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code strconv.Quote} of a Java string (see {@link GoQuote}). */
    static String quote(final String s)
    {
        return GoQuote.quote(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
